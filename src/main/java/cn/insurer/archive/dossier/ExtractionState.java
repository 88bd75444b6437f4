package cn.insurer.archive.dossier;

public enum ExtractionState {
    PENDING,
    RUNNING,
    DONE,
    FAILED,
    UNSUPPORTED
}

package cn.insurer.archive.audit;

public enum Outcome {
    SUCCESS,
    DENIED,
    FAILED
}

package cn.insurer.archive.dossier;

public enum DossierStatus {
    OPEN,
    SEALED
}

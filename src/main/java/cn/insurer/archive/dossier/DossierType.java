package cn.insurer.archive.dossier;

/** 承保案卷 (one per policy) or 理赔案卷 (one per claim). */
public enum DossierType {
    UNDERWRITING,
    CLAIM
}

package cn.insurer.archive.dossier;

import cn.insurer.archive.audit.AuditAction;

public enum DossierAuditActions implements AuditAction {
    DOSSIER_CREATED,
    ITEM_UPLOADED,
    CONTENT_READ,
    TEXT_READ,
    EXTRACTION_FINISHED,
    EXTRACTION_RETRIED,
    DOSSIER_SEALED,
    BUSINESS_EVENT_RECORDED,
    /** The archive manager moved the date of a recorded event; the details keep the date it replaced and why. */
    BUSINESS_EVENT_CORRECTED,
    PAPER_LOCATION_RECORDED,
    ITEM_LIST_GENERATED;

    @Override
    public String code() {
        return name();
    }
}

package cn.insurer.archive.dossier;

import cn.insurer.archive.audit.AuditAction;

public enum DossierAuditActions implements AuditAction {
    DOSSIER_CREATED,
    ITEM_UPLOADED,
    /** Before sealing, a clerk corrected an item's title, type, date or personal-data mark; the details keep what it replaced. */
    ITEM_CORRECTED,
    ITEM_WITHDRAWN,
    ITEM_SUPPLEMENTED,
    CONTENT_READ,
    TEXT_READ,
    EXTRACTION_FINISHED,
    EXTRACTION_RETRIED,
    DOSSIER_SEALED,
    BUSINESS_EVENT_RECORDED,
    /** The archive manager moved the date of a recorded event; the details keep the date it replaced and why. */
    BUSINESS_EVENT_CORRECTED,
    DOSSIER_CORRECTED,
    PAPER_LOCATION_RECORDED,
    ITEM_LIST_GENERATED;

    /** What changed the dossier or its items, as its page lists them: not reads, not extraction's own steps. */
    public static final java.util.List<String> CHANGES = java.util.stream.Stream.of(DOSSIER_CREATED, ITEM_UPLOADED,
            ITEM_CORRECTED, ITEM_WITHDRAWN, DOSSIER_SEALED, ITEM_SUPPLEMENTED, BUSINESS_EVENT_RECORDED, BUSINESS_EVENT_CORRECTED, DOSSIER_CORRECTED, PAPER_LOCATION_RECORDED)
            .map(DossierAuditActions::name).toList();

    @Override
    public String code() {
        return name();
    }
}

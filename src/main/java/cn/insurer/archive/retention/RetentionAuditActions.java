package cn.insurer.archive.retention;

import cn.insurer.archive.audit.AuditAction;

public enum RetentionAuditActions implements AuditAction {
    HOLD_PLACED,
    HOLD_RELEASED,
    DISPOSITION_PROPOSED,
    DISPOSITION_APPROVED,
    /** A dossier's content changed after its batch was shown to the signers: the batch went back to be signed again. */
    DISPOSITION_RETURNED,
    DISPOSITION_EXECUTED,
    DOSSIER_DESTROYED,
    DESTROYED_CONTENT_KEPT,
    DOSSIER_TRANSFERRED,
    DISPOSITION_SKIPPED,
    /** 延长保管: an appraisal kept a dossier until a review date. */
    RETENTION_EXTENDED,
    /** A transfer package was handed out: every original and item description of its dossiers was read. */
    TRANSFER_PACKAGE_DOWNLOADED,
    CLOCK_SHIFTED;

    @Override
    public String code() {
        return name();
    }
}

package cn.insurer.archive.ingest;

import cn.insurer.archive.audit.AuditAction;

public enum ImportAuditActions implements AuditAction {
    IMPORT_STARTED,
    IMPORT_COMPLETED,
    IMPORT_FAILED,
    IMPORT_ERRORS_DOWNLOADED;

    @Override
    public String code() {
        return name();
    }
}

package cn.insurer.archive.custody;

import cn.insurer.archive.audit.AuditAction;

public enum CustodyAuditActions implements AuditAction {
    CUSTODY_CHECK_STARTED,
    CUSTODY_CHECK_COMPLETED,
    CUSTODY_CHECK_FAILED,
    CUSTODY_ALERT_RAISED,
    CUSTODY_ORPHAN_COLLECTED,
    CUSTODY_ALERT_ACKNOWLEDGED;

    @Override
    public String code() {
        return name();
    }
}

package cn.insurer.archive.custody;

import cn.insurer.archive.audit.AuditAction;

public enum CustodyAuditActions implements AuditAction {
    CUSTODY_CHECK_STARTED,
    CUSTODY_CHECK_COMPLETED,
    CUSTODY_CHECK_FAILED,
    CUSTODY_ALERT_RAISED,
    CUSTODY_ORPHAN_COLLECTED,
    CUSTODY_ALERT_ACKNOWLEDGED,
    /** 盘点 started: what the shelves should hold was listed. */
    INVENTORY_STARTED,
    /** A label was scanned during an inventory and its lines checked off. */
    INVENTORY_SCANNED,
    /** 盘点 closed: what was neither found nor out on loan is recorded missing. */
    INVENTORY_CLOSED;

    @Override
    public String code() {
        return name();
    }
}

package cn.insurer.archive.access;

import cn.insurer.archive.audit.AuditAction;

public enum AccessAuditActions implements AuditAction {
    LOGIN_FAILED,
    USER_CREATED,
    USER_CHANGED,
    ACCESS_DENIED;

    @Override
    public String code() {
        return name();
    }
}

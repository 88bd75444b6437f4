package cn.insurer.archive.access;

import cn.insurer.archive.audit.AuditAction;

public enum AccessAuditActions implements AuditAction {
    /** A sign-in to the web desk, which starts a session; API calls authenticate each time and are not logged in. */
    LOGIN,
    LOGIN_FAILED,
    USER_CREATED,
    USER_CHANGED,
    ACCESS_DENIED;

    @Override
    public String code() {
        return name();
    }
}

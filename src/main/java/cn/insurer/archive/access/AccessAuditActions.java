package cn.insurer.archive.access;

import cn.insurer.archive.audit.AuditAction;

public enum AccessAuditActions implements AuditAction {
    /** A sign-in to the web desk, which starts a session; API calls authenticate each time and are not logged in. */
    LOGIN,
    LOGIN_FAILED,
    /** Too many failed sign-ins for an account or from an address: password sign-ins there wait until the lock ends. */
    LOGIN_LOCKED,
    USER_CREATED,
    USER_CHANGED,
    /** A creation or change that widens what a user reads (a role that reads content, clearance, department, enabling). */
    USER_PRIVILEGE_GRANTED,
    /** An administrator set another user's password, and could sign in as them until they change it. */
    USER_PASSWORD_RESET,
    ACCESS_DENIED;

    @Override
    public String code() {
        return name();
    }
}

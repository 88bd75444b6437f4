package cn.insurer.archive.audit;

/** What the audit feature itself leaves in the trail. */
public enum AuditAuditActions implements AuditAction {
    AUDIT_QUERIED,
    AUDIT_VERIFIED;

    @Override
    public String code() {
        return name();
    }
}

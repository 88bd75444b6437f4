package cn.insurer.archive.audit;

/** An audit event type. Each feature declares its own as an enum implementing this. */
public interface AuditAction {

    String code();
}

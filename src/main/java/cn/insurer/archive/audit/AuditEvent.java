package cn.insurer.archive.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One link of the audit trail, as read back. Events are appended by {@link AuditLog} outside the
 * persistence context and never changed; the database refuses updates and deletes.
 */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    private Long seq;

    @Column(nullable = false, updatable = false)
    private Instant at;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(updatable = false)
    private String target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Outcome outcome;

    @Column(name = "client_address", updatable = false)
    private String clientAddress;

    @Column(nullable = false, updatable = false)
    private String details;

    @Column(name = "prev_hash", nullable = false, updatable = false)
    private String previousHash;

    @Column(nullable = false, updatable = false)
    private String hash;

    protected AuditEvent() {
    }

    public Long seq() {
        return seq;
    }

    public Instant at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String details() {
        return details;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }
}

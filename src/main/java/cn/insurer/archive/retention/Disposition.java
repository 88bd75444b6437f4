package cn.insurer.archive.retention;

import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.User;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A disposition batch (处置批次): proposal with appraisal opinion, two signatures, execution. */
@Entity
@Table(name = "disposition")
public class Disposition {

    public enum Action {
        DESTROY,
        TRANSFER
    }

    public enum Status {
        PROPOSED,
        MANAGER_APPROVED,
        APPROVED,
        EXECUTED
    }

    @Id
    private UUID id;

    /** What people call the batch (CZ-2026-000003); the id stays internal. */
    @Column(nullable = false, updatable = false, unique = true)
    private String number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Action action;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(nullable = false, updatable = false)
    private String appraisal;

    @Column(name = "proposed_by", nullable = false, updatable = false)
    private String proposedBy;

    @Column(name = "proposed_at", nullable = false, updatable = false)
    private Instant proposedAt;

    @Column(name = "manager_approved_by")
    private String managerApprovedBy;

    @Column(name = "manager_approved_at")
    private Instant managerApprovedAt;

    @Column(name = "auditor_approved_by")
    private String auditorApprovedBy;

    @Column(name = "auditor_approved_at")
    private Instant auditorApprovedAt;

    @Column(name = "executed_by")
    private String executedBy;

    @Column(name = "executed_at")
    private Instant executedAt;

    @Column(name = "package_key")
    private String packageKey;

    @Column(name = "package_sha256")
    private String packageSha256;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "disposition_dossier", joinColumns = @JoinColumn(name = "disposition_id"))
    private List<DispositionEntry> entries = new ArrayList<>();

    protected Disposition() {
    }

    public Disposition(String number, Action action, String appraisal, List<DispositionEntry> entries, String proposedBy,
                       Instant at) {
        this.id = UUID.randomUUID();
        this.number = number;
        this.action = action;
        this.appraisal = appraisal;
        this.entries = new ArrayList<>(entries);
        this.proposedBy = proposedBy;
        this.proposedAt = at;
        this.status = Status.PROPOSED;
    }

    /**
     * The two-signature rule (《会计档案管理办法》 and seed 004: 销毁须经批准并监销): the archive manager
     * signs first, then an auditor who is not the person who signed first, whatever roles they hold.
     */
    public boolean awaitsSignatureOf(User user) {
        return switch (status) {
            case PROPOSED -> user.hasRole(Role.ARCHIVE_MANAGER);
            case MANAGER_APPROVED -> user.hasRole(Role.AUDITOR) && !user.username().equals(managerApprovedBy);
            default -> false;
        };
    }

    void approveAsManager(String by, Instant at) {
        managerApprovedBy = by;
        managerApprovedAt = at;
        status = Status.MANAGER_APPROVED;
    }

    void approveAsAuditor(String by, Instant at) {
        auditorApprovedBy = by;
        auditorApprovedAt = at;
        status = Status.APPROVED;
    }

    /** What was signed is no longer what the batch holds: both signatures are given again. */
    void sentBack() {
        managerApprovedBy = null;
        managerApprovedAt = null;
        auditorApprovedBy = null;
        auditorApprovedAt = null;
        status = Status.PROPOSED;
    }

    void executed(String by, Instant at) {
        executedBy = by;
        executedAt = at;
        status = Status.EXECUTED;
    }

    void packaged(String key, String sha256) {
        packageKey = key;
        packageSha256 = sha256;
    }

    public String packageKey() {
        return packageKey;
    }

    public String packageSha256() {
        return packageSha256;
    }

    public UUID id() {
        return id;
    }

    public String number() {
        return number;
    }

    public Action action() {
        return action;
    }

    public Status status() {
        return status;
    }

    public String appraisal() {
        return appraisal;
    }

    public String proposedBy() {
        return proposedBy;
    }

    public Instant proposedAt() {
        return proposedAt;
    }

    public String managerApprovedBy() {
        return managerApprovedBy;
    }

    public Instant managerApprovedAt() {
        return managerApprovedAt;
    }

    public String auditorApprovedBy() {
        return auditorApprovedBy;
    }

    public Instant auditorApprovedAt() {
        return auditorApprovedAt;
    }

    public String executedBy() {
        return executedBy;
    }

    public Instant executedAt() {
        return executedAt;
    }

    public List<DispositionEntry> entries() {
        return entries;
    }
}

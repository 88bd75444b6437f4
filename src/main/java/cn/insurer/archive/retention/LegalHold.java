package cn.insurer.archive.retention;

import cn.insurer.archive.problem.ProblemException;
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
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** 冻结: a legal hold placed for a case on explicit dossiers; it suspends every disposition of them. */
@Entity
@Table(name = "legal_hold")
public class LegalHold {

    public enum Status {
        ACTIVE,
        RELEASED
    }

    @Id
    private UUID id;

    @Column(name = "case_reference", nullable = false, updatable = false)
    private String caseReference;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "placed_by", nullable = false, updatable = false)
    private String placedBy;

    @Column(name = "placed_at", nullable = false, updatable = false)
    private Instant placedAt;

    @Column(name = "released_by")
    private String releasedBy;

    @Column(name = "released_at")
    private Instant releasedAt;

    @Column(name = "release_comment")
    private String releaseComment;

    @Column(name = "scope_query", updatable = false)
    private String scopeQuery;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "legal_hold_dossier", joinColumns = @JoinColumn(name = "hold_id"))
    @Column(name = "dossier_id", nullable = false)
    private Set<UUID> dossierIds = new LinkedHashSet<>();

    protected LegalHold() {
    }

    public LegalHold(String caseReference, String reason, Set<UUID> dossierIds, String scopeQuery, String placedBy,
                     Instant placedAt) {
        this.id = UUID.randomUUID();
        this.scopeQuery = scopeQuery;
        this.caseReference = caseReference;
        this.reason = reason;
        this.dossierIds = new LinkedHashSet<>(dossierIds);
        this.placedBy = placedBy;
        this.placedAt = placedAt;
        this.status = Status.ACTIVE;
    }

    public void release(String by, Instant at, String comment) {
        if (status == Status.RELEASED) {
            throw ProblemException.conflict("problem.hold.released", id);
        }
        status = Status.RELEASED;
        releasedBy = by;
        releasedAt = at;
        releaseComment = comment;
    }

    public UUID id() {
        return id;
    }

    public String caseReference() {
        return caseReference;
    }

    public String reason() {
        return reason;
    }

    public Status status() {
        return status;
    }

    public String placedBy() {
        return placedBy;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public String releasedBy() {
        return releasedBy;
    }

    public Instant releasedAt() {
        return releasedAt;
    }

    public String releaseComment() {
        return releaseComment;
    }

    /** The saved search whose results the hold covers, or null for explicit dossiers only. */
    public String scopeQuery() {
        return scopeQuery;
    }

    public Set<UUID> dossierIds() {
        return Set.copyOf(dossierIds);
    }
}

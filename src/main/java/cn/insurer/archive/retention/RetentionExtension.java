package cn.insurer.archive.retention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * 延长保管: an appraisal's decision to keep a dossier until a review date. It only ever delays a
 * disposition; a rule whose own date is later still decides.
 */
@Entity
@Table(name = "retention_extension")
public class RetentionExtension {

    static final int MAX_APPRAISAL = 2000;

    @Id
    private UUID id;

    @Column(name = "dossier_id", nullable = false, updatable = false)
    private UUID dossierId;

    @Column(name = "review_date", nullable = false, updatable = false)
    private LocalDate reviewDate;

    @Column(nullable = false, updatable = false)
    private String appraisal;

    @Column(name = "decided_by", nullable = false, updatable = false)
    private String decidedBy;

    @Column(name = "decided_at", nullable = false, updatable = false)
    private Instant decidedAt;

    protected RetentionExtension() {
    }

    public RetentionExtension(UUID dossierId, LocalDate reviewDate, String appraisal, String decidedBy, Instant decidedAt) {
        this.id = UUID.randomUUID();
        this.dossierId = dossierId;
        this.reviewDate = reviewDate;
        this.appraisal = appraisal;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
    }

    public UUID id() {
        return id;
    }

    public UUID dossierId() {
        return dossierId;
    }

    public LocalDate reviewDate() {
        return reviewDate;
    }

    public String appraisal() {
        return appraisal;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }
}

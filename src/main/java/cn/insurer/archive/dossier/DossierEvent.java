package cn.insurer.archive.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A business event recorded against a dossier, with the date it happened in the business. */
@Entity
@Table(name = "dossier_event")
public class DossierEvent {

    @Id
    private UUID id;

    @Column(name = "dossier_id", nullable = false, updatable = false)
    private UUID dossierId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private BusinessEvent event;

    /** Moved only by a correction, which the audit trail records with the date it replaced. */
    @Column(name = "event_date", nullable = false)
    private LocalDate date;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected DossierEvent() {
    }

    public DossierEvent(UUID dossierId, BusinessEvent event, LocalDate date, String recordedBy, Instant at) {
        this.id = UUID.randomUUID();
        this.dossierId = dossierId;
        this.event = event;
        this.date = date;
        this.recordedBy = recordedBy;
        this.recordedAt = at;
    }

    void moveTo(LocalDate corrected) {
        date = corrected;
    }

    public UUID id() {
        return id;
    }

    public UUID dossierId() {
        return dossierId;
    }

    public BusinessEvent event() {
        return event;
    }

    public LocalDate date() {
        return date;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}

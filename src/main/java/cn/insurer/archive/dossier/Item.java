package cn.insurer.archive.dossier;

import cn.insurer.archive.access.ProtectedRecord;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.storage.ContentHash;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** 件: one archived document inside a dossier. Its bytes live in the object store under its hash. */
@Entity
@Table(name = "item")
public class Item implements ProtectedRecord {

    private static final int MAX_REASON = 1000;

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "dossier_id", updatable = false)
    private Dossier dossier;

    /** The same column, read without loading the dossier: asking a lazy dossier for its id loads it. */
    @Column(name = "dossier_id", insertable = false, updatable = false)
    private UUID dossierId;

    @Column(name = "item_number", nullable = false, updatable = false)
    private int itemNumber;

    @Column(nullable = false)
    private String title;

    @Column(name = "document_type", nullable = false)
    private String documentType;

    @Column(name = "document_date")
    private LocalDate documentDate;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "media_type", nullable = false)
    private String mediaType;

    @Column(nullable = false, updatable = false)
    private long size;

    @Column(nullable = false, updatable = false)
    private String sha256;

    private Integer pages;

    @Enumerated(EnumType.STRING)
    @Column(name = "security_level", nullable = false)
    private SecurityLevel securityLevel;

    @Column(name = "personal_data", nullable = false)
    private boolean personalData;

    @Enumerated(EnumType.STRING)
    @Column(name = "extraction_state", nullable = false)
    private ExtractionState extractionState;

    @Column(name = "extraction_reason")
    private String extractionReason;

    @Column(name = "extraction_attempts", nullable = false)
    private int extractionAttempts;

    @Column(name = "extraction_lease_until")
    private Instant extractionLeaseUntil;

    /** The node holding the lease, so that it can give the item back when it restarts after dying. */
    @Column(name = "extraction_node")
    private String extractionNode;

    @Column(name = "supplement_reason", updatable = false)
    private String supplementReason;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @Column(name = "withdrawn_by")
    private String withdrawnBy;

    @Column(name = "withdrawal_reason")
    private String withdrawalReason;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Item() {
    }

    Item(Dossier dossier, int itemNumber, NewItem item, SecurityLevel securityLevel, String createdBy, Instant at) {
        this.id = UUID.randomUUID();
        this.dossier = dossier;
        this.dossierId = dossier.id();
        this.itemNumber = itemNumber;
        this.title = item.title();
        this.documentType = item.documentType();
        this.documentDate = item.documentDate();
        this.fileName = item.fileName();
        this.mediaType = item.mediaType();
        this.size = item.size();
        this.sha256 = item.sha256().hex();
        this.securityLevel = securityLevel;
        this.personalData = item.personalData();
        this.supplementReason = item.supplementReason();
        this.extractionState = ExtractionState.PENDING;
        this.createdBy = createdBy;
        this.createdAt = at;
    }

    /**
     * What the clerk typed, corrected before the dossier is sealed; the bytes, their hash and the
     * item's number never change.
     */
    /**
     * Withdrawn from the dossier before sealing (撤回): no longer part of the record, its text out of
     * the index, while its bytes and its line in the item list stay until the dossier's disposition.
     */
    void withdraw(String by, String reason, Instant at) {
        if (dossier.status() == DossierStatus.SEALED) {
            throw new IllegalStateException("the items of a sealed dossier are fixed");
        }
        this.withdrawnBy = by;
        this.withdrawalReason = reason;
        this.withdrawnAt = at;
    }

    /** Filed into the sealed dossier as a supplement (补充归档), with the reason the archive manager gave. */
    public boolean supplement() {
        return supplementReason != null;
    }

    public String supplementReason() {
        return supplementReason;
    }

    public boolean withdrawn() {
        return withdrawnAt != null;
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
    }

    public String withdrawnBy() {
        return withdrawnBy;
    }

    public String withdrawalReason() {
        return withdrawalReason;
    }

    void correct(String title, String documentType, java.time.LocalDate documentDate, boolean personalData) {
        if (dossier.status() == DossierStatus.SEALED) {
            throw new IllegalStateException("the items of a sealed dossier are fixed");
        }
        this.title = title;
        this.documentType = documentType;
        this.documentDate = documentDate;
        this.personalData = personalData;
    }

    /** Extraction succeeded; the text itself is stored separately. */
    public void extracted(Integer pageCount, String detectedMediaType) {
        finish(ExtractionState.DONE, null);
        this.pages = pageCount;
        if (detectedMediaType != null && "application/octet-stream".equals(mediaType)) {
            this.mediaType = detectedMediaType;
        }
    }

    public void extractionFailed(String reason) {
        finish(ExtractionState.FAILED, reason);
    }

    public void extractionUnsupported(String reason) {
        finish(ExtractionState.UNSUPPORTED, reason);
    }

    /** A worker of {@code node} took the item for extraction until {@code until}; a lease that runs out puts it back in the queue. */
    void leased(Instant until, String node) {
        extractionState = ExtractionState.RUNNING;
        extractionAttempts++;
        extractionLeaseUntil = until;
        extractionNode = node;
    }

    /**
     * The node holding the lease died and has started again, so nobody works on the item: back to
     * the queue at once. The try counts, since the document may be what took the server down.
     */
    void leaseAbandoned() {
        if (extractionState == ExtractionState.RUNNING) {
            extractionState = ExtractionState.PENDING;
            extractionLeaseUntil = null;
            extractionNode = null;
        }
    }

    /** The worker gave the item back after a failure of ours (object store down), not of the file: that try does not count. */
    void released() {
        if (extractionState == ExtractionState.RUNNING) {
            extractionState = ExtractionState.PENDING;
            extractionLeaseUntil = null;
            extractionNode = null;
            extractionAttempts = Math.max(extractionAttempts - 1, 0);
        }
    }

    /** Puts a failed or unsupported item back into the queue (a clerk's retry). */
    public void retryExtraction() {
        extractionState = ExtractionState.PENDING;
        extractionAttempts = 0;
        extractionReason = null;
        extractionLeaseUntil = null;
        extractionNode = null;
    }

    private void finish(ExtractionState state, String reason) {
        extractionState = state;
        extractionReason = reason == null ? null
                : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        extractionLeaseUntil = null;
        extractionNode = null;
    }

    public UUID id() {
        return id;
    }

    public Dossier dossier() {
        return dossier;
    }

    public int itemNumber() {
        return itemNumber;
    }

    public String title() {
        return title;
    }

    public String documentType() {
        return documentType;
    }

    public LocalDate documentDate() {
        return documentDate;
    }

    public String fileName() {
        return fileName;
    }

    public String mediaType() {
        return mediaType;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public ContentHash contentHash() {
        return new ContentHash(sha256);
    }

    public Integer pages() {
        return pages;
    }

    /** The item's own level; never below its dossier's, since reading it reveals the dossier. */
    @Override
    public SecurityLevel securityLevel() {
        return securityLevel.covers(dossier.securityLevel()) ? securityLevel : dossier.securityLevel();
    }

    @Override
    public String owningDepartment() {
        return dossier.department();
    }

    @Override
    public UUID dossierId() {
        return dossierId;
    }

    @Override
    public UUID itemId() {
        return id;
    }

    @Override
    public boolean personalData() {
        return personalData;
    }

    @Override
    public java.time.LocalDate purposeEndedOn() {
        return dossier.purposeEndedOn();
    }

    public ExtractionState extractionState() {
        return extractionState;
    }

    public String extractionReason() {
        return extractionReason;
    }

    public int extractionAttempts() {
        return extractionAttempts;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

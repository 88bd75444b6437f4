package cn.insurer.archive.dossier;

import cn.insurer.archive.access.ProtectedRecord;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** 案卷: the file of one policy or one claim, with its items in filing order. */
@Entity
@Table(name = "dossier")
public class Dossier implements ProtectedRecord {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private DossierType type;

    @Column(name = "business_key", nullable = false, updatable = false)
    private String businessKey;

    @Column(name = "product_line", nullable = false)
    private String productLine;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String department;

    @Enumerated(EnumType.STRING)
    @Column(name = "security_level", nullable = false)
    private SecurityLevel securityLevel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DossierStatus status;

    @Column(name = "policy_number")
    private String policyNumber;

    @Column(name = "claim_number")
    private String claimNumber;

    private String insured;

    @Column(name = "policy_start")
    private LocalDate policyStart;

    @Column(name = "policy_end")
    private LocalDate policyEnd;

    @Column(name = "loss_date")
    private LocalDate lossDate;

    @Column(name = "claim_amount")
    private BigDecimal claimAmount;

    /** The year a finance or general dossier's records belong to (会计年度, 年度); null for the other types. */
    @Column(name = "fiscal_year", updatable = false)
    private Integer fiscalYear;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String metadata;

    @Column(name = "archival_code")
    private String archivalCode;

    @Column(name = "archival_year")
    private Integer archivalYear;

    @Column(name = "sealed_at")
    private Instant sealedAt;

    @Column(name = "sealed_by")
    private String sealedBy;

    @Column(name = "completeness_exception")
    private String completenessException;

    @Column(name = "purpose_ended_on")
    private LocalDate purposeEndedOn;

    @Column(name = "paper_room")
    private String paperRoom;

    @Column(name = "paper_shelf")
    private String paperShelf;

    @Column(name = "paper_box")
    private String paperBox;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "dossier")
    @OrderBy("itemNumber")
    private List<Item> items = new ArrayList<>();

    protected Dossier() {
    }

    public Dossier(DossierFacts facts, String metadataJson, String createdBy, Instant at) {
        this.id = UUID.randomUUID();
        this.type = facts.type();
        this.businessKey = facts.businessKey();
        this.productLine = facts.productLine();
        this.title = facts.title();
        this.department = facts.department();
        this.securityLevel = facts.securityLevel();
        this.policyNumber = facts.policyNumber();
        this.claimNumber = facts.claimNumber();
        this.insured = facts.insured();
        this.policyStart = facts.policyStart();
        this.policyEnd = facts.policyEnd();
        this.lossDate = facts.lossDate();
        this.claimAmount = facts.claimAmount();
        this.fiscalYear = facts.fiscalYear();
        this.metadata = metadataJson;
        this.status = DossierStatus.OPEN;
        this.createdBy = createdBy;
        this.createdAt = at;
        this.updatedAt = createdAt;
    }

    /**
     * A corrected description (著录更正). What identifies the dossier (type, business key, numbers,
     * department, level) and what its archival code was built from stay as they are.
     */
    void correct(String title, String insured, LocalDate policyStart, LocalDate policyEnd, LocalDate lossDate,
                 BigDecimal claimAmount, Instant at) {
        this.title = title;
        this.insured = insured;
        this.policyStart = policyStart;
        this.policyEnd = policyEnd;
        this.lossDate = lossDate;
        this.claimAmount = claimAmount;
        this.updatedAt = at;
    }

    /**
     * An open dossier takes uploads; a sealed one takes only supplements (补充归档), each with its
     * reason, numbered after the last item under the same archival code.
     */
    static void requireFilingState(DossierStatus status, String archivalCode, boolean supplement) {
        if (supplement && status != DossierStatus.SEALED) {
            throw ProblemException.conflict("problem.supplement.open");
        }
        if (!supplement && status == DossierStatus.SEALED) {
            throw ProblemException.conflict("problem.dossier.sealed", archivalCode);
        }
    }

    /**
     * Files a new item at the end of the item list: into an open dossier, or as a supplement into a
     * sealed one. The same bytes are filed once per dossier.
     */
    public Item file(NewItem item, ItemLookup lookup, String filedBy, java.util.function.Predicate<Item> seenByFiler,
                     Instant at) {
        requireFilingState(status, archivalCode, item.supplementReason() != null);
        Optional<Item> same = lookup.itemsWithContent(id, item.sha256().hex()).stream().filter(existing -> !existing.withdrawn())
                .findFirst();
        if (same.isPresent() && !seenByFiler.test(same.get())) {
            // The filer may not know what the restricted item is: only that these bytes are filed.
            throw ProblemException.conflict("problem.item.duplicate.restricted");
        }
        if (same.isPresent()) {
            throw ProblemException.conflict(Map.of("existingItemId", same.get().id().toString(),
                    "existingItemNumber", same.get().itemNumber()),
                    "problem.item.duplicate", same.get().itemNumber(), same.get().title());
        }
        SecurityLevel level = item.securityLevel() == null ? securityLevel : item.securityLevel();
        Item filed = new Item(this, lookup.itemCount(id) + 1, item, level, filedBy, at);
        items.add(filed);
        updatedAt = at;
        return filed;
    }

    /**
     * 归档: the dossier becomes a record under its archival code and its content is frozen. An
     * incomplete dossier is sealed only with the archive manager's recorded reason.
     */
    public void seal(String code, int year, String by, String exceptionReason, Instant at) {
        if (status == DossierStatus.SEALED) {
            throw ProblemException.conflict("problem.dossier.sealed", archivalCode);
        }
        status = DossierStatus.SEALED;
        archivalCode = code;
        archivalYear = year;
        sealedBy = by;
        sealedAt = at;
        completenessException = exceptionReason;
        updatedAt = sealedAt;
    }

    /**
     * The claim closed on this day, as recorded or as the archive manager corrected it: from then
     * (plus the configured period) its personal data is loan-only. Only {@link BusinessEvents} sets it.
     */
    void purposeEndedOn(LocalDate on, Instant at) {
        purposeEndedOn = on;
        updatedAt = at;
    }

    public LocalDate purposeEndedOn() {
        return purposeEndedOn;
    }

    /**
     * Records where the paper original is kept. Allowed on sealed dossiers too: moving the paper
     * changes no archived content.
     */
    public void locate(PaperLocation location, Instant at) {
        paperRoom = location.room();
        paperShelf = location.shelf();
        paperBox = location.box();
        updatedAt = at;
    }

    /** Where the paper original is kept, or empty when nobody has recorded it. */
    public Optional<PaperLocation> paperLocation() {
        return paperRoom == null ? Optional.empty() : Optional.of(new PaperLocation(paperRoom, paperShelf, paperBox));
    }

    /**
     * What the dossier holds, as one value: the count, ids and content hashes of its items. Equal
     * fingerprints mean the same items with the same bytes; a disposition batch compares them to
     * know its signers saw what it disposes of.
     */
    public String contentFingerprint() {
        StringBuilder listing = new StringBuilder().append(items.size()).append('\n');
        items.stream().sorted(java.util.Comparator.comparing(Item::id))
                .forEach(item -> listing.append(item.id()).append(' ').append(item.sha256()).append('\n'));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(listing.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The document types present among the items, for the completeness check. */
    public java.util.Set<String> documentTypes() {
        java.util.Set<String> types = new java.util.TreeSet<>();
        filedItems().forEach(item -> types.add(item.documentType()));
        return types;
    }

    public UUID id() {
        return id;
    }

    public DossierType type() {
        return type;
    }

    public String businessKey() {
        return businessKey;
    }

    public String productLine() {
        return productLine;
    }

    public String title() {
        return title;
    }

    public String department() {
        return department;
    }

    @Override
    public SecurityLevel securityLevel() {
        return securityLevel;
    }

    @Override
    public String owningDepartment() {
        return department;
    }

    @Override
    public UUID dossierId() {
        return id;
    }

    public DossierStatus status() {
        return status;
    }

    public String policyNumber() {
        return policyNumber;
    }

    public String claimNumber() {
        return claimNumber;
    }

    public String insured() {
        return insured;
    }

    public LocalDate policyStart() {
        return policyStart;
    }

    public LocalDate policyEnd() {
        return policyEnd;
    }

    public LocalDate lossDate() {
        return lossDate;
    }

    public BigDecimal claimAmount() {
        return claimAmount;
    }

    public String metadataJson() {
        return metadata;
    }

    public String archivalCode() {
        return archivalCode;
    }

    public Integer archivalYear() {
        return archivalYear;
    }

    public Instant sealedAt() {
        return sealedAt;
    }

    public String sealedBy() {
        return sealedBy;
    }

    public String completenessException() {
        return completenessException;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /**
     * What filing asks about the items already in a dossier, answered without loading them: an
     * imported dossier holds thousands of items, and loading every one of them for each file added
     * made a bulk import slower with every row.
     */
    public interface ItemLookup {

        /** Every line of the item list, withdrawn items included. */
        int itemCount(UUID dossierId);

        /** The items holding these bytes, withdrawn ones included. */
        List<Item> itemsWithContent(UUID dossierId, String sha256);
    }

    /** Every line of the item list, withdrawn items included: their bytes are kept until disposition. */
    public List<Item> items() {
        return List.copyOf(items);
    }

    /** The items that make up the record: all but those withdrawn before sealing. */
    public List<Item> filedItems() {
        return items.stream().filter(item -> !item.withdrawn()).toList();
    }

    /**
     * The business year: the loss year for claims, the policy start year for policies, the year of
     * finance and general records; for a personnel file, the year it was opened.
     */
    public int businessYear() {
        LocalDate date = businessDate();
        return date != null ? date.getYear() : createdAt.atZone(java.time.ZoneOffset.UTC).getYear();
    }

    /** The date a dossier is dated by in lists and searches: loss date, policy start, or the first day of the fiscal year. */
    public LocalDate businessDate() {
        return switch (type) {
            case CLAIM -> lossDate;
            case UNDERWRITING -> policyStart;
            case FINANCE, GENERAL -> fiscalYear == null ? null : LocalDate.of(fiscalYear, 1, 1);
            case PERSONNEL -> null;
        };
    }

    public Integer fiscalYear() {
        return fiscalYear;
    }
}

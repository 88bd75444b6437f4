package cn.insurer.archive.loan;

import cn.insurer.archive.access.ProtectedRecord;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.problem.ProblemException;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

/**
 * 借阅: a request to consult a dossier (or some of its items) that becomes an active, time-limited
 * grant once every approver its security level calls for has agreed, in order.
 *
 * <p>What it covers is fixed when it is requested: the items named, or, lent whole, the items the
 * dossier held then. The approval chain was chosen by the highest level among exactly those, so an
 * item filed afterwards, at whatever level, is not covered: its approvers never saw it.
 */
@Entity
@Table(name = "loan")
public class Loan {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String number;

    @Column(name = "dossier_id", nullable = false, updatable = false)
    private UUID dossierId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "loan_item", joinColumns = @JoinColumn(name = "loan_id"))
    @Column(name = "item_id")
    private Set<UUID> itemIds = new HashSet<>();

    /** The items this loan opens: those named, or every item the dossier held when it was requested. */
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "loan_covered_item", joinColumns = @JoinColumn(name = "loan_id"))
    @Column(name = "item_id")
    private Set<UUID> coveredItemIds = new HashSet<>();

    @Column(nullable = false, updatable = false)
    private String borrower;

    @Column(nullable = false, updatable = false)
    private String purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private LoanKind kind;

    @Column(nullable = false, updatable = false)
    private int days;

    @Enumerated(EnumType.STRING)
    @Column(name = "security_level", nullable = false, updatable = false)
    private SecurityLevel securityLevel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LoanStatus status;

    @Column(name = "approvals_needed", nullable = false, updatable = false)
    private String approvalsNeeded;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "activated_at")
    private Instant activatedAt;

    @Column(name = "due_at")
    private Instant dueAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    /** The dossier as it stood when it was destroyed: the loan and its register line outlive it. */
    @Column(name = "dossier_title")
    private String dossierTitle;

    @Column(name = "dossier_archival_code")
    private String dossierArchivalCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "dossier_security_level")
    private SecurityLevel dossierSecurityLevel;

    @Column(name = "dossier_department")
    private String dossierDepartment;

    /** The loan this one renews (续借): it takes over that loan's covered items, custody and due date when approved. */
    @Column(name = "renews", updatable = false)
    private UUID renews;

    /** When and by whom a paper original left the 库房 (出库); null while it is still on the shelf. */
    @Column(name = "handed_out_at")
    private Instant handedOutAt;

    @Column(name = "handed_out_by")
    private String handedOutBy;

    /** When and by whom it came back (归还入库), and the condition it came back in. */
    @Column(name = "checked_in_at")
    private Instant checkedInAt;

    @Column(name = "checked_in_by")
    private String checkedInBy;

    @Column(name = "check_in_condition")
    private String checkInCondition;

    @Version
    private long version;

    @OneToMany(mappedBy = "loan", cascade = CascadeType.PERSIST, fetch = FetchType.EAGER)
    @OrderBy("step")
    private List<LoanDecision> decisions = new ArrayList<>();

    protected Loan() {
    }

    Loan(String number, UUID dossierId, Set<UUID> itemIds, Set<UUID> coveredItemIds, String borrower, String purpose,
         LoanKind kind, int days, SecurityLevel level, List<Role> chain, Instant now) {
        this.id = UUID.randomUUID();
        this.number = number;
        this.dossierId = dossierId;
        this.itemIds = new HashSet<>(itemIds);
        this.coveredItemIds = new HashSet<>(coveredItemIds);
        this.borrower = borrower;
        this.purpose = purpose;
        this.kind = kind;
        this.days = days;
        this.securityLevel = level;
        this.status = LoanStatus.REQUESTED;
        this.approvalsNeeded = String.join(",", chain.stream().map(Role::name).toList());
        this.requestedAt = now;
    }

    /** A renewal of an active loan: the same items, borrower, kind and level, asked again for {@code days} more. */
    static Loan renewalOf(Loan renewed, String number, String reason, int days, List<Role> chain, Instant now) {
        Loan renewal = new Loan(number, renewed.dossierId, renewed.itemIds, renewed.coveredItemIds, renewed.borrower, reason,
                renewed.kind, days, renewed.securityLevel, chain, now);
        renewal.renews = renewed.id;
        return renewal;
    }

    /** The role whose approval comes next, if the loan still waits for one. */
    public Optional<Role> nextApprover() {
        List<Role> chain = approvalsNeeded();
        return status == LoanStatus.REQUESTED && decisions.size() < chain.size()
                ? Optional.of(chain.get(decisions.size())) : Optional.empty();
    }

    /** Records the approver's decision; true when it was the last approval and the loan is now in force. */
    boolean decide(String approver, boolean approve, String comment, Instant now) {
        if (status != LoanStatus.REQUESTED) {
            throw ProblemException.conflict("problem.loan.decided", status);
        }
        Role role = nextApprover().orElseThrow();
        decisions.add(new LoanDecision(this, decisions.size(), role, approver, approve, comment, now));
        if (!approve) {
            status = LoanStatus.REJECTED;
            endedAt = now;
        } else if (decisions.size() == approvalsNeeded().size()) {
            status = LoanStatus.ACTIVE;
            activatedAt = now;
            dueAt = now.plus(Duration.ofDays(days));
            return true;
        }
        return false;
    }

    void giveBack(Instant now) {
        if (status != LoanStatus.ACTIVE) {
            throw ProblemException.conflict("problem.loan.not.active", status);
        }
        if (originalOut()) {
            // The paper is somewhere outside the 库房: only the archive, holding it again, can say it is back.
            throw ProblemException.conflict("problem.loan.original.out");
        }
        status = LoanStatus.RETURNED;
        endedAt = now;
    }

    /**
     * Whether a renewal can still take over: the loan is active and, unless its paper original is
     * out (which stays the borrower's to bring back however late), not yet due.
     */
    boolean inForceForRenewal(Instant now) {
        return status == LoanStatus.ACTIVE && (originalOut() || !overdueAt(now));
    }

    /** Whether this loan's paper original has left the 库房 and not come back. */
    public boolean originalOut() {
        return status == LoanStatus.ACTIVE && handedOutAt != null && checkedInAt == null;
    }

    /** 出库: the clerk gives the paper original to the borrower. */
    void handOut(String clerk, Instant now) {
        if (kind != LoanKind.ORIGINAL) {
            throw ProblemException.conflict("problem.loan.not.original");
        }
        if (status != LoanStatus.ACTIVE || overdueAt(now)) {
            throw ProblemException.conflict("problem.loan.original.not.ready", statusAt(now));
        }
        if (handedOutAt != null) {
            throw ProblemException.conflict("problem.loan.original.already.out");
        }
        handedOutAt = now;
        handedOutBy = clerk;
    }

    /** 归还入库: the clerk has the paper original back in hand and notes its condition; the loan ends. */
    void checkIn(String clerk, String condition, Instant now) {
        if (kind != LoanKind.ORIGINAL) {
            throw ProblemException.conflict("problem.loan.not.original");
        }
        if (!originalOut()) {
            throw ProblemException.conflict("problem.loan.original.not.out");
        }
        checkedInAt = now;
        checkedInBy = clerk;
        checkInCondition = condition;
        status = LoanStatus.RETURNED;
        endedAt = now;
    }

    /**
     * The renewal of this loan was approved: this loan ends as {@link LoanStatus#RENEWED} and the
     * renewal runs on from this loan's due date, holding the original if it is out.
     */
    void renewedBy(Loan renewal, Instant now) {
        if (!inForceForRenewal(now)) {
            throw ProblemException.conflict("problem.loan.renewal.lapsed");
        }
        renewal.dueAt = dueAt.plus(Duration.ofDays(renewal.days));
        renewal.handedOutAt = handedOutAt;
        renewal.handedOutBy = handedOutBy;
        status = LoanStatus.RENEWED;
        endedAt = now;
    }

    /** The borrower withdraws a request still waiting for approval; decisions already given stay on record. */
    void cancel(Instant now) {
        if (status != LoanStatus.REQUESTED) {
            throw ProblemException.conflict("problem.loan.not.requested");
        }
        status = LoanStatus.CANCELLED;
        endedAt = now;
    }

    void expire(Instant now) {
        status = LoanStatus.EXPIRED;
        endedAt = now;
    }

    /**
     * The dossier was destroyed: the loan keeps its description, and one still waiting or running
     * ends, since nothing is left to lend.
     */
    void dossierDestroyed(String title, String archivalCode, SecurityLevel level, String department, Instant now) {
        dossierTitle = title;
        dossierArchivalCode = archivalCode;
        dossierSecurityLevel = level;
        dossierDepartment = department;
        if (status == LoanStatus.REQUESTED || status == LoanStatus.ACTIVE) {
            expire(now);
        }
    }

    /** The destroyed dossier's department, or null while the dossier exists (ask it then). */
    public String destroyedDossierDepartment() {
        return dossierDepartment;
    }

    /** Active and not yet due: the only state in which a loan lets anyone read anything. */
    public boolean grantsAt(Instant now) {
        return status == LoanStatus.ACTIVE && kind != LoanKind.ORIGINAL && dueAt != null && dueAt.isAfter(now);
    }

    public boolean overdueAt(Instant now) {
        return status == LoanStatus.ACTIVE && dueAt != null && !dueAt.isAfter(now);
    }

    /** The status as people see it at this instant: an active loan past its due date is overdue. */
    public LoanStatus statusAt(Instant now) {
        return overdueAt(now) ? LoanStatus.OVERDUE : status;
    }

    /**
     * Whether the approvers approved this record: the dossier's own entry, or an item the loan was
     * requested for; and in either case no stricter than the level the chain was chosen for.
     */
    public boolean covers(ProtectedRecord record) {
        if (!dossierId.equals(record.dossierId()) || record.securityLevel() == null
                || !securityLevel.covers(record.securityLevel())) {
            return false;
        }
        return record.itemId() == null || coveredItemIds.contains(record.itemId());
    }

    public List<Role> approvalsNeeded() {
        return approvalsNeeded.isEmpty() ? List.of() : Arrays.stream(approvalsNeeded.split(",")).map(Role::valueOf).toList();
    }

    public UUID id() {
        return id;
    }

    public String number() {
        return number;
    }

    public UUID dossierId() {
        return dossierId;
    }

    public Set<UUID> itemIds() {
        return Set.copyOf(itemIds);
    }

    /** The items the loan opens, fixed at its request. */
    public Set<UUID> coveredItemIds() {
        return Set.copyOf(coveredItemIds);
    }

    public String borrower() {
        return borrower;
    }

    public String purpose() {
        return purpose;
    }

    public LoanKind kind() {
        return kind;
    }

    public int days() {
        return days;
    }

    public SecurityLevel securityLevel() {
        return securityLevel;
    }

    public LoanStatus status() {
        return status;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant activatedAt() {
        return activatedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public UUID renews() {
        return renews;
    }

    public Instant handedOutAt() {
        return handedOutAt;
    }

    public String handedOutBy() {
        return handedOutBy;
    }

    public Instant checkedInAt() {
        return checkedInAt;
    }

    public String checkedInBy() {
        return checkedInBy;
    }

    public String checkInCondition() {
        return checkInCondition;
    }

    public List<LoanDecision> decisions() {
        return List.copyOf(decisions);
    }
}

package cn.insurer.archive.loan;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The loan desk: requests, the approval chain (in order, with comments, never by the borrower),
 * returns. The chain and the longest period come from {@link ApprovalChain}, for the highest level
 * among what the request covers, which is fixed then. Every refusal is audited ({@link LoanRefusals}).
 */
@ApplicationScoped
public class Lending {

    private static final int MAX_PURPOSE = 1000;
    private static final String REQUEST = "loan.request";
    private static final String RETURN = "loan.return";
    private static final String CANCEL = "loan.cancel";

    /** The application's clock: loans start, fall due and expire on the same time as everything else. */
    @Inject
    java.time.Clock clock;

    @Inject
    LoanRepository loans;

    @Inject
    DossierRepository dossiers;

    @Inject
    ApprovalChain chain;

    @Inject
    AuditLog audit;

    @Inject
    LoanRefusals refusals;

    @Inject
    LoanVisibility visibility;

    @Inject
    cn.insurer.archive.access.AccessPolicy access;

    @Inject
    Renewals renewals;

    public record Request(UUID dossierId, List<UUID> itemIds, String purpose, LoanKind kind, Integer days) {
    }

    @Transactional
    public Loan request(AuditLog.Actor actor, User borrower, Request request) {
        String target = request.dossierId() == null ? null : "dossier:" + request.dossierId();
        List<FieldError> errors = new ArrayList<>();
        if (request.dossierId() == null) {
            errors.add(new FieldError("dossierId", "validation.required"));
        }
        if (request.purpose() == null || request.purpose().isBlank()) {
            errors.add(new FieldError("purpose", "validation.required"));
        } else if (request.purpose().length() > MAX_PURPOSE) {
            errors.add(new FieldError("purpose", "validation.too.long", MAX_PURPOSE));
        }
        if (request.kind() == null) {
            errors.add(new FieldError("kind", "validation.required"));
        }
        if (request.days() == null || request.days() < 1) {
            errors.add(new FieldError("days", "validation.loan.days.positive"));
        }
        if (!errors.isEmpty()) {
            throw refusals.refuse(actor, REQUEST, target, "invalid request", ProblemException.invalid(errors));
        }
        Dossier dossier = dossiers.find(request.dossierId()).orElseThrow(() -> refusals.refuse(actor, REQUEST, target,
                "unknown dossier", ProblemException.notFound("problem.dossier.unknown", request.dossierId())));
        Set<UUID> itemIds = new LinkedHashSet<>(request.itemIds() == null ? List.of() : request.itemIds());
        Set<UUID> covered = new LinkedHashSet<>();
        for (UUID itemId : itemIds) {
            Item item = dossier.items().stream().filter(i -> i.id().equals(itemId)).findFirst()
                    .orElseThrow(() -> refusals.refuse(actor, REQUEST, target, "item of another dossier",
                            ProblemException.invalid(List.of(new FieldError("itemIds", "validation.loan.item.foreign", itemId)))));
            covered.add(item.id());
        }
        if (itemIds.isEmpty()) {
            // Lent whole: the dossier as it stands now. What is filed later was never put to the approvers.
            dossier.items().forEach(item -> covered.add(item.id()));
        }
        SecurityLevel level = highestLevel(dossier, covered);
        int maxDays = chain.maxDays(level);
        if (request.days() > maxDays) {
            throw refusals.refuse(actor, REQUEST, target, "longer than " + level + " allows",
                    ProblemException.invalid(List.of(new FieldError("days", "validation.loan.days.max", maxDays, level))));
        }
        Instant now = clock.instant();
        Loan loan = new Loan(loans.nextNumber(now.atZone(ZoneOffset.UTC).getYear()), dossier.id(), itemIds, covered,
                borrower.username(), request.purpose().trim(), request.kind(), request.days(), level, chain.approvers(level), now);
        loans.add(loan);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", loan.number());
        details.put("dossierId", dossier.id().toString());
        details.put("items", itemIds.size());
        details.put("covered", covered.size());
        details.put("securityLevel", level.name());
        details.put("kind", loan.kind().name());
        details.put("days", loan.days());
        details.put("purpose", loan.purpose());
        details.put("approvals", loan.approvalsNeeded().toString());
        audit.record(actor, LoanAuditActions.LOAN_REQUESTED, target(loan), Outcome.SUCCESS, details);
        return loan;
    }

    /** The highest level among the dossier's own entry and the items a loan covers: it chooses the approval chain. */
    private static SecurityLevel highestLevel(Dossier dossier, Set<UUID> covered) {
        SecurityLevel level = dossier.securityLevel();
        for (Item item : dossier.items()) {
            if (covered.contains(item.id()) && item.securityLevel().covers(level)) {
                level = item.securityLevel();
            }
        }
        return level;
    }

    @Transactional
    public Loan decide(AuditLog.Actor actor, User approver, UUID loanId, boolean approve, String comment) {
        String operation = approve ? "loan.approve" : "loan.reject";
        Loan loan = loans.findForDecision(loanId).orElseThrow(() -> refusals.refuse(actor, operation, "loan:" + loanId,
                "unknown loan", ProblemException.notFound("problem.loan.unknown", loanId)));
        if (!visibility.maySee(approver, loan)) {
            throw refusals.deny(actor, operation, target(loan), "not a loan this user may see");
        }
        if (loan.status() != LoanStatus.REQUESTED) {
            throw refusals.refuse(actor, operation, target(loan), "already " + loan.status(),
                    ProblemException.conflict("problem.loan.decided", loan.status()));
        }
        Role needed = loan.nextApprover().orElseThrow();
        String refusal = refusal(approver, loan);
        if (refusal != null) {
            throw refusals.refuse(actor, operation, target(loan), refusal,
                    ProblemException.forbidden("problem.loan.not.your.step", new Messages.Role(needed.name())));
        }
        if (approve && !access.isClearedFor(approver, loan.securityLevel())) {
            // Nobody lets out what they could not read themselves; turning a request down lets nothing out.
            throw refusals.refuse(actor, operation, target(loan), "not cleared for " + loan.securityLevel(),
                    ProblemException.forbidden("problem.loan.not.cleared"));
        }
        if (comment == null || comment.isBlank()) {
            throw refusals.refuse(actor, operation, target(loan), "no comment",
                    ProblemException.invalid(List.of(new FieldError("comment", "validation.required"))));
        }
        if (approve) {
            renewals.checkStillRenewable(actor, loan, operation);
        }
        Instant now = clock.instant();
        if (loan.decide(approver.username(), approve, comment.trim(), now) && loan.renews() != null) {
            renewals.takeOver(actor, loan);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", loan.number());
        details.put("role", needed.name());
        details.put("comment", comment.trim());
        details.put("status", loan.status().name());
        audit.record(actor, approve ? LoanAuditActions.LOAN_APPROVED : LoanAuditActions.LOAN_REJECTED, target(loan),
                Outcome.SUCCESS, details);
        if (loan.status() == LoanStatus.ACTIVE) {
            audit.record(actor, LoanAuditActions.LOAN_ACTIVATED, target(loan), Outcome.SUCCESS,
                    Map.of("number", loan.number(), "dueAt", loan.dueAt().toString(), "borrower", loan.borrower()));
        }
        return loan;
    }

    /** Whether the loan's next step is this user's to take now: what the inbox lists and {@link #decide} accepts. */
    public boolean awaits(User approver, Loan loan) {
        return loan.status() == LoanStatus.REQUESTED && visibility.maySee(approver, loan) && refusal(approver, loan) == null;
    }

    /** Why this user may not take the loan's next step, or null when they may. */
    private String refusal(User approver, Loan loan) {
        Role needed = loan.nextApprover().orElse(null);
        if (needed == null) {
            return "no step is waiting";
        }
        if (approver.username().equals(loan.borrower())) {
            return "own request";
        }
        if (!approver.hasRole(needed)) {
            return "the next approval belongs to " + needed;
        }
        if (needed == Role.DEPARTMENT_HEAD) {
            String department = visibility.owningDepartment(loan);
            if (department == null || !department.equals(approver.department())) {
                return "head of another department";
            }
        }
        if (loan.decisions().stream().anyMatch(decision -> decision.approver().equals(approver.username()))) {
            return "already approved an earlier step";
        }
        return null;
    }

    /**
     * The borrower gives a loan back, or the archive desk ends it for them. A paper original that
     * has left the 库房 is not returned by saying so: the clerk checks it in ({@link OriginalCustody}).
     */
    @Transactional
    public Loan giveBack(AuditLog.Actor actor, User user, UUID loanId) {
        Loan loan = loans.findForDecision(loanId).orElseThrow(() -> refusals.refuse(actor, RETURN, "loan:" + loanId,
                "unknown loan", ProblemException.notFound("problem.loan.unknown", loanId)));
        if (!user.username().equals(loan.borrower()) && !Permission.LOAN_RETURN_FOR_OTHERS.grantedTo(user)) {
            throw refusals.deny(actor, RETURN, target(loan), "another borrower's loan");
        }
        if (loan.status() != LoanStatus.ACTIVE) {
            throw refusals.refuse(actor, RETURN, target(loan), "not active but " + loan.status(),
                    ProblemException.conflict("problem.loan.not.active", loan.status()));
        }
        if (loan.originalOut()) {
            throw refusals.refuse(actor, RETURN, target(loan), "paper original out",
                    ProblemException.conflict("problem.loan.original.out"));
        }
        loan.giveBack(clock.instant());
        audit.record(actor, LoanAuditActions.LOAN_RETURNED, target(loan), Outcome.SUCCESS,
                Map.of("number", loan.number(), "returnedBy", user.username()));
        renewals.lapse(actor, loan);
        return loan;
    }

    /** The borrower withdraws their own request before it has every approval; nobody cancels another's. */
    @Transactional
    public Loan cancel(AuditLog.Actor actor, User user, UUID loanId) {
        Loan loan = loans.findForDecision(loanId).orElseThrow(() -> refusals.refuse(actor, CANCEL, "loan:" + loanId,
                "unknown loan", ProblemException.notFound("problem.loan.unknown", loanId)));
        if (!user.username().equals(loan.borrower())) {
            throw refusals.deny(actor, CANCEL, target(loan), "another borrower's loan");
        }
        if (loan.status() != LoanStatus.REQUESTED) {
            throw refusals.refuse(actor, CANCEL, target(loan), "not waiting for approval but " + loan.status(),
                    ProblemException.conflict("problem.loan.not.requested"));
        }
        loan.cancel(clock.instant());
        audit.record(actor, LoanAuditActions.LOAN_CANCELLED, target(loan), Outcome.SUCCESS,
                Map.of("number", loan.number(), "approvalsGiven", loan.decisions().size()));
        return loan;
    }

    /** Whether a renewal of this loan could be asked for now: in force, and none already waiting. */
    @Transactional
    public boolean renewable(Loan loan) {
        return loan.inForceForRenewal(clock.instant()) && loans.pendingRenewalOf(loan.id()).isEmpty();
    }

    /** The user's own loan in force on a dossier, if any: what the desk's 借阅中 banner names. */
    public java.util.Optional<Loan> inForce(User user, UUID dossierId) {
        return loans.grantsOf(user.username(), clock.instant()).stream()
                .filter(loan -> dossierId.equals(loan.dossierId())).findFirst();
    }

    static String target(Loan loan) {
        return "loan:" + loan.id();
    }
}

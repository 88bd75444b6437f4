package cn.insurer.archive.loan;

import cn.insurer.archive.access.AccessAuditActions;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import cn.insurer.archive.api.FieldError;
import cn.insurer.archive.api.ProblemException;
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
 * returns. The chain and the longest period come from {@link ApprovalChain}.
 */
@ApplicationScoped
public class Lending {

    private static final int MAX_PURPOSE = 1000;

    @Inject
    LoanRepository loans;

    @Inject
    DossierRepository dossiers;

    @Inject
    ApprovalChain chain;

    @Inject
    AuditLog audit;

    public record Request(UUID dossierId, List<UUID> itemIds, String purpose, LoanKind kind, Integer days) {
    }

    @Transactional
    public Loan request(AuditLog.Actor actor, User borrower, Request request) {
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
            throw ProblemException.invalid(errors);
        }
        Dossier dossier = dossiers.find(request.dossierId())
                .orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", request.dossierId()));
        Set<UUID> itemIds = new LinkedHashSet<>(request.itemIds() == null ? List.of() : request.itemIds());
        SecurityLevel level = dossier.securityLevel();
        for (UUID itemId : itemIds) {
            Item item = dossier.items().stream().filter(i -> i.id().equals(itemId)).findFirst()
                    .orElseThrow(() -> ProblemException.invalid(List.of(new FieldError("itemIds", "validation.loan.item.foreign", itemId))));
            level = item.securityLevel().covers(level) ? item.securityLevel() : level;
        }
        if (itemIds.isEmpty()) {
            for (Item item : dossier.items()) {
                level = item.securityLevel().covers(level) ? item.securityLevel() : level;
            }
        }
        int maxDays = chain.maxDays(level);
        if (request.days() > maxDays) {
            throw ProblemException.invalid(List.of(new FieldError("days", "validation.loan.days.max", maxDays, level)));
        }
        Instant now = Instant.now();
        Loan loan = new Loan(loans.nextNumber(now.atZone(ZoneOffset.UTC).getYear()), dossier.id(), itemIds, borrower.username(),
                request.purpose().trim(), request.kind(), request.days(), level, chain.approvers(level), now);
        loans.add(loan);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", loan.number());
        details.put("dossierId", dossier.id().toString());
        details.put("items", itemIds.size());
        details.put("kind", loan.kind().name());
        details.put("days", loan.days());
        details.put("purpose", loan.purpose());
        details.put("approvals", loan.approvalsNeeded().toString());
        audit.record(actor, LoanAuditActions.LOAN_REQUESTED, target(loan), Outcome.SUCCESS, details);
        return loan;
    }

    @Transactional
    public Loan decide(AuditLog.Actor actor, User approver, UUID loanId, boolean approve, String comment) {
        Loan loan = loans.findForDecision(loanId).orElseThrow(() -> ProblemException.notFound("problem.loan.unknown", loanId));
        if (loan.status() != LoanStatus.REQUESTED) {
            throw ProblemException.conflict("problem.loan.decided", loan.status());
        }
        Role needed = loan.nextApprover().orElseThrow();
        String refusal = refusal(approver, loan, needed);
        if (refusal != null) {
            audit.recordSeparately(actor, AccessAuditActions.ACCESS_DENIED, target(loan), Outcome.DENIED,
                    Map.of("operation", approve ? "loan.approve" : "loan.reject", "reason", refusal));
            throw ProblemException.forbidden("problem.loan.not.your.step", needed);
        }
        if (comment == null || comment.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError("comment", "validation.required")));
        }
        Instant now = Instant.now();
        loan.decide(approver.username(), approve, comment.trim(), now);
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

    /** Why this user may not take this step, or null when they may. */
    private String refusal(User approver, Loan loan, Role needed) {
        if (approver.username().equals(loan.borrower())) {
            return "own request";
        }
        if (!approver.hasRole(needed)) {
            return "the next approval belongs to " + needed;
        }
        if (needed == Role.DEPARTMENT_HEAD) {
            String department = dossiers.find(loan.dossierId()).map(Dossier::department).orElse(null);
            if (department == null || !department.equals(approver.department())) {
                return "head of another department";
            }
        }
        if (loan.decisions().stream().anyMatch(decision -> decision.approver().equals(approver.username()))) {
            return "already approved an earlier step";
        }
        return null;
    }

    @Transactional
    public Loan giveBack(AuditLog.Actor actor, User user, UUID loanId) {
        Loan loan = loans.findForDecision(loanId).orElseThrow(() -> ProblemException.notFound("problem.loan.unknown", loanId));
        if (!user.username().equals(loan.borrower()) && !user.hasRole(Role.CLERK) && !user.hasRole(Role.ARCHIVE_MANAGER)) {
            throw ProblemException.forbidden("problem.forbidden", "loan.return");
        }
        loan.giveBack(Instant.now());
        audit.record(actor, LoanAuditActions.LOAN_RETURNED, target(loan), Outcome.SUCCESS,
                Map.of("number", loan.number(), "returnedBy", user.username()));
        return loan;
    }

    static String target(Loan loan) {
        return "loan:" + loan.id();
    }
}

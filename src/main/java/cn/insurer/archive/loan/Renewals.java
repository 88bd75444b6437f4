package cn.insurer.archive.loan;

import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * 续借: the borrower asks for more time on a loan in force. The renewal is a loan of its own that
 * goes through the same approval chain as the first (for the level the first was approved for,
 * covering the same items); once approved it takes over, running on from the first loan's due date,
 * and the first ends as {@link LoanStatus#RENEWED}. A loan has at most one renewal waiting; if the
 * loan ends first, the renewal lapses.
 */
@ApplicationScoped
public class Renewals {

    private static final int MAX_REASON = 1000;
    private static final String RENEW = "loan.renew";

    @Inject
    java.time.Clock clock;

    @Inject
    LoanRepository loans;

    @Inject
    ApprovalChain chain;

    @Inject
    AuditLog audit;

    @Inject
    LoanRefusals refusals;

    @Transactional
    public Loan request(AuditLog.Actor actor, cn.insurer.archive.access.User borrower, UUID loanId, Integer days, String reason) {
        Loan loan = loans.findForDecision(loanId).orElseThrow(() -> refusals.refuse(actor, RENEW, "loan:" + loanId,
                "unknown loan", ProblemException.notFound("problem.loan.unknown", loanId)));
        if (!borrower.username().equals(loan.borrower())) {
            throw refusals.deny(actor, RENEW, Lending.target(loan), "another borrower's loan");
        }
        Instant now = clock.instant();
        if (!loan.inForceForRenewal(now)) {
            throw refusals.refuse(actor, RENEW, Lending.target(loan), "not in force but " + loan.statusAt(now),
                    ProblemException.conflict("problem.loan.renewal.not.in.force", loan.statusAt(now)));
        }
        if (loans.pendingRenewalOf(loan.id()).isPresent()) {
            throw refusals.refuse(actor, RENEW, Lending.target(loan), "a renewal already waits",
                    ProblemException.conflict("problem.loan.renewal.pending"));
        }
        List<FieldError> errors = new ArrayList<>();
        int maxDays = chain.maxDays(loan.securityLevel());
        if (days == null || days < 1) {
            errors.add(new FieldError("days", "validation.loan.days.positive"));
        } else if (days > maxDays) {
            errors.add(new FieldError("days", "validation.loan.days.max", maxDays, loan.securityLevel()));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "validation.required"));
        } else if (reason.length() > MAX_REASON) {
            errors.add(new FieldError("reason", "validation.too.long", MAX_REASON));
        }
        if (!errors.isEmpty()) {
            throw refusals.refuse(actor, RENEW, Lending.target(loan), "invalid renewal", ProblemException.invalid(errors));
        }
        Loan renewal = Loan.renewalOf(loan, loans.nextNumber(now.atZone(ZoneOffset.UTC).getYear()), reason.trim(), days,
                chain.approvers(loan.securityLevel()), now);
        loans.add(renewal);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", renewal.number());
        details.put("renews", loan.number());
        details.put("dossierId", loan.dossierId().toString());
        details.put("kind", renewal.kind().name());
        details.put("days", days);
        details.put("purpose", renewal.purpose());
        details.put("approvals", renewal.approvalsNeeded().toString());
        audit.record(actor, LoanAuditActions.LOAN_REQUESTED, Lending.target(renewal), Outcome.SUCCESS, details);
        return renewal;
    }

    /** Refuses to approve a renewal whose loan has meanwhile ended: there is nothing left to extend. */
    void checkStillRenewable(AuditLog.Actor actor, Loan renewal, String operation) {
        if (renewal.renews() == null) {
            return;
        }
        Loan renewed = loans.findForDecision(renewal.renews()).orElseThrow();
        if (!renewed.inForceForRenewal(clock.instant())) {
            throw refusals.refuse(actor, operation, Lending.target(renewal), "the renewed loan is no longer in force",
                    ProblemException.conflict("problem.loan.renewal.lapsed", renewed.number()));
        }
    }

    /** The last approval of a renewal was given: it takes over from the loan it renews. */
    void takeOver(AuditLog.Actor actor, Loan renewal) {
        Loan renewed = loans.findForDecision(renewal.renews()).orElseThrow();
        renewed.renewedBy(renewal, clock.instant());
        audit.record(actor, LoanAuditActions.LOAN_RENEWED, Lending.target(renewed), Outcome.SUCCESS,
                Map.of("number", renewed.number(), "renewal", renewal.number(), "dueAt", renewal.dueAt().toString()));
    }

    /** The loan ended (returned, checked in): a renewal still waiting for it lapses. */
    void lapse(AuditLog.Actor actor, Loan ended) {
        loans.pendingRenewalOf(ended.id()).ifPresent(renewal -> {
            renewal.cancel(clock.instant());
            audit.record(actor, LoanAuditActions.LOAN_CANCELLED, Lending.target(renewal), Outcome.SUCCESS,
                    Map.of("number", renewal.number(), "renews", ended.number(), "reason", "the renewed loan ended"));
        });
    }
}

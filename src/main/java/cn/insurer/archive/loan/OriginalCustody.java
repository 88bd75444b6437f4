package cn.insurer.archive.loan;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.PaperLocation;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Paper originals in and out of the 库房. An approved ORIGINAL loan is handed out by a clerk (出库),
 * who scans the dossier's label so the box that leaves is the one approved; it comes back only by
 * a clerk's check-in (归还入库), scanned again and its condition noted. Nobody hands out or checks in
 * their own loan: a second person witnesses every movement of the paper.
 */
@ApplicationScoped
public class OriginalCustody {

    static final int MAX_CONDITION = 500;
    private static final String HAND_OUT = "loan.hand.out";
    private static final String CHECK_IN = "loan.check.in";

    @Inject
    java.time.Clock clock;

    @Inject
    LoanRepository loans;

    @Inject
    DossierRepository dossiers;

    @Inject
    AuditLog audit;

    @Inject
    LoanRefusals refusals;

    @Inject
    Renewals renewals;

    @Transactional
    public Loan handOut(AuditLog.Actor actor, User clerk, UUID loanId, String scannedCode) {
        Loan loan = movable(actor, clerk, loanId, scannedCode, HAND_OUT, List.of());
        Instant now = clock.instant();
        try {
            loan.handOut(clerk.username(), now);
        } catch (ProblemException conflict) {
            throw refusals.refuse(actor, HAND_OUT, Lending.target(loan), conflict.messageKey(), conflict);
        }
        Map<String, Object> details = details(loan);
        details.put("dueAt", loan.dueAt().toString());
        audit.record(actor, LoanAuditActions.LOAN_HANDED_OUT, Lending.target(loan), Outcome.SUCCESS, details);
        return loan;
    }

    @Transactional
    public Loan checkIn(AuditLog.Actor actor, User clerk, UUID loanId, String scannedCode, String condition) {
        List<FieldError> errors = new ArrayList<>();
        if (condition == null || condition.isBlank()) {
            errors.add(new FieldError("condition", "validation.required"));
        } else if (condition.length() > MAX_CONDITION) {
            errors.add(new FieldError("condition", "validation.too.long", MAX_CONDITION));
        }
        Loan loan = movable(actor, clerk, loanId, scannedCode, CHECK_IN, errors);
        Instant now = clock.instant();
        Instant since = loan.handedOutAt();
        try {
            loan.checkIn(clerk.username(), condition.trim(), now);
        } catch (ProblemException conflict) {
            throw refusals.refuse(actor, CHECK_IN, Lending.target(loan), conflict.messageKey(), conflict);
        }
        Map<String, Object> details = details(loan);
        details.put("condition", loan.checkInCondition());
        details.put("outSince", since.toString());
        audit.record(actor, LoanAuditActions.LOAN_CHECKED_IN, Lending.target(loan), Outcome.SUCCESS, details);
        renewals.lapse(actor, loan);
        return loan;
    }

    /** Who holds which original now, longest out first. */
    @Transactional
    public List<Loan> out(int limit) {
        return loans.originalsOut(limit);
    }

    /** Whether the loan is past its due time now, on the application's clock. */
    public boolean overdue(Loan loan) {
        return loan.overdueAt(clock.instant());
    }

    /** A dossier's ORIGINAL loans a clerk can act on now: approved and waiting at the counter, or out. */
    @Transactional
    public List<Loan> inForce(UUID dossierId) {
        return loans.originalLoansInForce(dossierId);
    }

    /**
     * The loan, once the clerk may move its paper: the right, not their own loan, a scanned code
     * that names the loan's dossier, and no other field error.
     */
    private Loan movable(AuditLog.Actor actor, User clerk, UUID loanId, String scannedCode, String operation,
                         List<FieldError> errors) {
        Loan loan = loans.findForDecision(loanId).orElseThrow(() -> refusals.refuse(actor, operation, "loan:" + loanId,
                "unknown loan", ProblemException.notFound("problem.loan.unknown", loanId)));
        if (!Permission.LOAN_CUSTODY.grantedTo(clerk)) {
            throw refusals.deny(actor, operation, Lending.target(loan), "not the archive's desk");
        }
        if (clerk.username().equals(loan.borrower())) {
            throw refusals.refuse(actor, operation, Lending.target(loan), "own loan",
                    ProblemException.forbidden("problem.loan.custody.own"));
        }
        Dossier dossier = dossiers.find(loan.dossierId()).orElse(null);
        List<FieldError> all = new ArrayList<>(errors);
        if (scannedCode == null || scannedCode.isBlank()) {
            all.add(new FieldError("code", "validation.required"));
        } else if (dossier == null || !names(dossier, scannedCode.trim())) {
            all.add(new FieldError("code", "validation.loan.code.mismatch", scannedCode.trim()));
        }
        if (!all.isEmpty()) {
            throw refusals.refuse(actor, operation, Lending.target(loan), "invalid " + all.get(0).field(),
                    ProblemException.invalid(all));
        }
        return loan;
    }

    /** The label carries the 档号; a dossier not yet sealed is labelled with its 业务号. */
    private static boolean names(Dossier dossier, String code) {
        return code.equalsIgnoreCase(dossier.archivalCode() == null ? "" : dossier.archivalCode())
                || code.equals(dossier.businessKey());
    }

    private Map<String, Object> details(Loan loan) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", loan.number());
        details.put("borrower", loan.borrower());
        dossiers.find(loan.dossierId()).flatMap(Dossier::paperLocation).map(PaperLocation::describe)
                .ifPresent(location -> details.put("location", location));
        return details;
    }
}

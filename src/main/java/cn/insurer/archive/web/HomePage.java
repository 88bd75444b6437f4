package cn.insurer.archive.web;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.User;
import cn.insurer.archive.audit.AuditEvent;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.DossierStatus;
import cn.insurer.archive.dossier.ExtractionState;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.loan.Lending;
import cn.insurer.archive.loan.Loan;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.loan.LoanRepository;
import cn.insurer.archive.retention.Disposition;
import cn.insurer.archive.retention.Dispositions;
import cn.insurer.archive.retention.RetentionSchedule;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What waits for the person at the desk, by role. Each list holds only what they may read. */
@Named
@RequestScoped
@Transactional
public class HomePage {

    private static final int SHOWN = 10;
    private static final int OPEN_LISTED = 200;

    @Inject
    java.time.Clock clock;

    @Inject
    CurrentUser currentUser;

    @Inject
    DossierRepository dossiers;

    @Inject
    AccessPolicy access;

    @Inject
    LoanInbox inbox;

    @Inject
    LoanRepository loans;

    @Inject
    Lending lending;

    @Inject
    Notices notices;

    @Inject
    UiText text;

    @Inject
    Dispositions dispositions;

    @Inject
    RetentionSchedule schedule;

    @PersistenceContext
    EntityManager em;

    /** Up to a few pages of them: the list pages through ten at a time, so none is out of reach behind a "more". */
    public List<Dossier> getOpenDossiers() {
        return dossiers.list(new DossierRepository.DossierQuery(null, null, DossierStatus.OPEN, 0, OPEN_LISTED),
                access.scopeOf(currentUser.get())).dossiers();
    }

    public List<Item> getFailedExtractions() {
        User user = currentUser.get();
        return em.createQuery("select i from Item i where i.extractionState = :state order by i.createdAt desc", Item.class)
                .setParameter("state", ExtractionState.FAILED).setMaxResults(200).getResultStream()
                .filter(item -> access.canRead(user, item)).limit(SHOWN).toList();
    }

    /** The borrower's own requests and loans, newest first. */
    public List<Loan> getMyLoans() {
        return loans.list(new LoanRepository.Query(currentUser.get().username(), null, null, clock.instant(), 0, SHOWN)).loans();
    }

    /** As the borrower should read it now: an active loan past its due date shows as overdue. */
    public String statusOf(Loan loan) {
        return loan.statusAt(clock.instant()).name();
    }

    /**
     * Where the borrower's request stands, in words: whose approval it waits for, or why it was
     * turned down (the approver's comment). Empty once it is in force or over.
     */
    public String progressOf(Loan loan) {
        if (loan.status() == cn.insurer.archive.loan.LoanStatus.REQUESTED) {
            return loan.nextApprover().map(role -> text.get("home.myLoans.waiting", text.get("role." + role.name()))).orElse("");
        }
        if (loan.kind() == cn.insurer.archive.loan.LoanKind.ORIGINAL && loan.status() == cn.insurer.archive.loan.LoanStatus.ACTIVE) {
            return loan.originalOut() ? text.get("home.myLoans.originalOut") : text.get("home.myLoans.originalWaiting");
        }
        if (loan.status() == cn.insurer.archive.loan.LoanStatus.REJECTED) {
            return loan.decisions().stream().filter(decision -> !decision.approved()).findFirst()
                    .map(decision -> text.get("home.myLoans.rejected", text.get("role." + decision.role().name()), decision.comment()))
                    .orElse("");
        }
        return "";
    }

    /** Whether the borrower can ask to renew this loan now: in force, and no renewal of it already waiting. */
    public boolean renewable(Loan loan) {
        return lending.renewable(loan);
    }

    /** The borrower withdraws a request still waiting for approval. */
    public void cancel(Loan loan) {
        try {
            Loan cancelled = lending.cancel(currentUser.actor(), currentUser.get(), loan.id());
            notices.info("home.myLoans.cancelled", cancelled.number());
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    public List<Loan> getPendingLoans() {
        return inbox.awaitingMe();
    }

    /** Batches waiting for this person's signature: the manager's first, then an auditor's co-signature. */
    public List<Disposition> getPendingDispositions() {
        User user = currentUser.get();
        return dispositions.list(user).stream().filter(batch -> batch.awaitsSignatureOf(user)).toList();
    }

    public List<RetentionSchedule.Due> getDue() {
        return RetentionPage.readableDue(schedule, access, currentUser.get(), schedule.today().plusDays(1), SHOWN);
    }

    public Optional<AuditEvent> getLastVerification() {
        return em.createQuery("select e from AuditEvent e where e.action = 'AUDIT_VERIFIED' order by e.seq desc", AuditEvent.class)
                .setMaxResults(1).getResultStream().findFirst();
    }
}

package cn.insurer.archive.loan;

import cn.insurer.archive.config.ShownTimes;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.platform.Leader;
import cn.insurer.archive.platform.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loans end by themselves: online and copy loans expire when due; a paper original that is not
 * back is overdue, and its borrower and approvers get a reminder once a day until it is returned.
 * Access never waits for this sweep: a loan past its due time grants nothing.
 */
@ApplicationScoped
public class LoanSweep {

    private static final Logger LOG = Logger.getLogger(LoanSweep.class.getName());
    private static final Duration REMIND_EVERY = Duration.ofDays(1);

    /** The application's clock: loans start, fall due and expire on the same time as everything else. */
    @Inject
    ShownTimes times;

    @Inject
    java.time.Clock clock;

    @Inject
    LoanRepository loans;

    @Inject
    AuditLog audit;

    @Inject
    LoanSweep self;

    @Inject
    NotificationMailer mailer;

    @PersistenceContext
    EntityManager em;

    @Inject
    Leader leadership;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> periodic;

    void start(@Observes Startup.Started started) {
        periodic = scheduler.scheduleWithFixedDelay(() -> {
            if (!leadership.leads()) {
                return;
            }
            try {
                self.sweep();
                mailer.deliver();
            } catch (Exception e) {
                // A failed commit comes out as a checked RollbackException; escaping, it would cancel every later run.
                LOG.log(Level.WARNING, "Loan sweep failed; it runs again shortly", e);
            }
        }, 1, 1, TimeUnit.MINUTES);
    }

    @Transactional
    public void sweep() {
        Instant now = clock.instant();
        for (Loan loan : loans.dueBefore(now)) {
            if (loan.kind() == LoanKind.ORIGINAL) {
                remind(loan, now);
            } else {
                loan.expire(now);
                audit.record(AuditLog.Actor.SYSTEM, LoanAuditActions.LOAN_EXPIRED, Lending.target(loan), Outcome.SUCCESS,
                        Map.of("number", loan.number(), "dueAt", loan.dueAt().toString()));
            }
        }
    }

    private void remind(Loan loan, Instant now) {
        Long recent = em.createQuery("select count(n) from Notification n where n.subject like :number and n.createdAt > :since",
                        Long.class)
                .setParameter("number", "%" + loan.number() + "%")
                .setParameter("since", now.minus(REMIND_EVERY))
                .getSingleResult();
        if (recent > 0) {
            return;
        }
        String subject = "借阅逾期提醒 Overdue loan " + loan.number();
        String due = times.format(loan.dueAt());
        String body = "借阅单 " + loan.number() + " 的纸质原件应于 " + due + " 归还，至今未还，请尽快归还档案室。"
                + " The paper original lent under " + loan.number() + " was due back on " + due + " (" + times.zone().getId() + ").";
        em.persist(new Notification(UUID.randomUUID(), loan.borrower(), subject, body, now));
        loan.decisions().forEach(decision -> em.persist(new Notification(UUID.randomUUID(), decision.approver(), subject, body, now)));
        audit.record(AuditLog.Actor.SYSTEM, LoanAuditActions.LOAN_OVERDUE_REMINDED, Lending.target(loan), Outcome.SUCCESS,
                Map.of("number", loan.number(), "borrower", loan.borrower()));
    }

    @PreDestroy
    void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }
}

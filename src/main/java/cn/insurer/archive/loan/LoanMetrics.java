package cn.insurer.archive.loan;

import cn.insurer.archive.platform.Metrics;
import cn.insurer.archive.platform.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Loan requests waiting for their approvers, across all nodes. */
@ApplicationScoped
public class LoanMetrics {

    @Inject
    Metrics metrics;

    @Inject
    LoanRepository loans;

    void register(@Observes Startup.Started started) {
        metrics.gauge("archive_loans_pending_approval", "Loan requests waiting for a decision (status REQUESTED)",
                loans::pendingApprovals);
    }
}

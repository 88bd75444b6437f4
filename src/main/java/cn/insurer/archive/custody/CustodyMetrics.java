package cn.insurer.archive.custody;

import cn.insurer.archive.platform.Metrics;
import cn.insurer.archive.platform.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * What the custody checks found that nobody has acknowledged: the newest open alert's findings by
 * kind. It drops to zero when the archive manager acknowledges the alert, and rises again with the
 * next sweep that finds something.
 */
@ApplicationScoped
public class CustodyMetrics {

    @Inject
    Metrics metrics;

    @Inject
    CustodyChecks checks;

    void register(@Observes Startup.Started started) {
        metrics.gauges("archive_custody_open_findings",
                "Findings of the newest custody alert not yet acknowledged, by kind (0 when no alert is open)",
                "kind", checks::openFindings);
    }
}

package cn.insurer.archive.retention;

import cn.insurer.archive.cluster.Leadership;
import cn.insurer.archive.platform.Leader;
import cn.insurer.archive.platform.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The daily sweep: brings every dossier's stored decision up to the deployed policy files (after an
 * upgrade, or for dossiers filed before retention existed), then logs how many dossiers are due.
 * The due list itself is always live at {@code GET /api/retention/due}.
 */
@ApplicationScoped
public class RetentionSweep {

    private static final Logger LOG = Logger.getLogger(RetentionSweep.class.getName());
    private static final int BATCH = 500;
    private static final Duration INTERVAL = Duration.ofDays(1);
    private static final Duration LEADERSHIP_CHECK = Duration.ofSeconds(10);

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    RetentionSchedule schedule;

    @Inject
    Leader leadership;

    private volatile boolean running;
    /** Set when this node takes the lead, however briefly it was without it. */
    private volatile boolean justTookOver;
    private Thread worker;

    void start(@Observes Startup.Started started) {
        running = true;
        worker = threadFactory.newThread(this::loop);
        worker.setName("retention-sweep");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Sweeps once a day on the node that leads; a node that has just taken over sweeps at once, which
     * only repeats work already up to date (decisions under the deployed policies are skipped).
     */
    private void loop() {
        // Monotonic time: this paces the loop, it dates nothing.
        Long lastSwept = null;
        while (running) {
            if (leadership.leads() && (justTookOver || lastSwept == null || System.nanoTime() - lastSwept > INTERVAL.toNanos())) {
                justTookOver = false;
                lastSwept = System.nanoTime();
                try {
                    sweep();
                } catch (Exception e) {
                    // A failed commit comes out of a @Transactional call as a checked RollbackException, which must not end this loop.
                    LOG.log(Level.WARNING, "Retention sweep failed; it runs again tomorrow", e);
                }
            } else if (!leadership.leads()) {
                lastSwept = null;
            }
            try {
                Thread.sleep(LEADERSHIP_CHECK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void tookOver(@Observes Leadership.Taken taken) {
        justTookOver = true;
    }

    void sweep() {
        long recomputed = 0;
        List<UUID> stale;
        while (running && !(stale = schedule.stale(BATCH)).isEmpty()) {
            schedule.recompute(stale);
            recomputed += stale.size();
        }
        long due = schedule.countDueBefore(schedule.today().plusDays(1));
        LOG.info("Retention sweep: " + recomputed + " decisions brought up to the deployed policies; " + due + " dossiers due");
    }

    @PreDestroy
    void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }
}

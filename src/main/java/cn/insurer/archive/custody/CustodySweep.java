package cn.insurer.archive.custody;

import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.cluster.Leadership;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.platform.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts custody checks: on demand, every night on the node that leads, and again on the node that
 * takes over leadership for a sweep a stopped or killed node left in the middle (it carries on from
 * its last committed object).
 */
@ApplicationScoped
public class CustodySweep {

    private static final Logger LOG = Logger.getLogger(CustodySweep.class.getName());
    private static final LocalTime NIGHTLY = LocalTime.of(2, 0);

    @Inject
    CustodyChecks checks;

    @Inject
    Leadership leadership;

    @Inject
    ArchiveSettings settings;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> nightly;
    /** Checks this process started, which it never launches a second time. */
    private final Set<UUID> launched = ConcurrentHashMap.newKeySet();

    /** Starts a sweep, or answers the one already running. */
    public CustodyChecks.Opened start(AuditLog.Actor actor) {
        CustodyChecks.Opened opened = checks.open(actor);
        if (opened.created()) {
            launch(opened.id());
        }
        return opened;
    }

    void schedule(@Observes Startup.Started started) {
        Duration first = untilNightly(clock, settings.timeZone());
        nightly = scheduler.scheduleAtFixedRate(() -> {
            if (!leadership.leads()) {
                return;
            }
            try {
                start(AuditLog.Actor.SYSTEM);
            } catch (Exception e) {
                // A failed commit comes out as a checked RollbackException; escaping, it would cancel every later run.
                LOG.log(Level.WARNING, "Could not start the nightly custody check", e);
            }
        }, first.toSeconds(), TimeUnit.DAYS.toSeconds(1), TimeUnit.SECONDS);
    }

    /** Night by the archive's zone, not the server's: the check stays out of the working day of those it serves. */
    static Duration untilNightly(Clock clock, ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        ZonedDateTime next = ZonedDateTime.of(now.toLocalDate(), NIGHTLY, now.getZone());
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        return Duration.between(now, next);
    }

    /** A sweep left running by a stopped or killed leader carries on, on the node that leads now. */
    void resume(@Observes Leadership.Taken taken) {
        checks.running().filter(id -> !launched.contains(id)).ifPresent(this::launch);
    }

    private void launch(UUID checkId) {
        launched.add(checkId);
        try {
            BatchRuntime.getJobOperator().start(CustodyJob.NAME, CustodyJob.parameters(checkId));
        } catch (RuntimeException e) {
            checks.fail(checkId, "cannot start: " + e);
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        if (nightly != null) {
            nightly.cancel(false);
        }
    }
}

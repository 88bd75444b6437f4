package cn.insurer.archive.audit;

import cn.insurer.archive.platform.Leader;
import cn.insurer.archive.platform.Startup;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Copies of the chain's head (last sequence and hash) kept outside the database, in the object
 * store. Whoever rewrites the table from some event onward, recomputing every hash, still cannot
 * make it agree with a checkpoint written before the rewrite.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class.getName());

    @Inject
    ObjectStore objectStore;

    @Inject
    AuditSettings settings;

    @Resource(lookup = "java:jboss/datasources/ArchiveDS")
    DataSource dataSource;

    @Inject
    Leader leadership;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> periodic;
    private volatile long lastWritten = -1;

    void start(@Observes Startup.Started started) {
        int every = settings.auditCheckpointSeconds();
        periodic = scheduler.scheduleWithFixedDelay(() -> {
            if (!leadership.leads()) {
                return;
            }
            try {
                write();
            } catch (Exception e) {
                // A failed commit comes out as a checked RollbackException; escaping, it would cancel every later run.
                LOG.log(Level.WARNING, "Could not write an audit checkpoint; retrying later", e);
            }
        }, every, every, TimeUnit.SECONDS);
    }

    /** Writes the current head unless it was already written; returns it. */
    public Optional<Checkpoint> write() {
        Checkpoint head = head();
        if (head.seq() == 0 || head.seq() == lastWritten) {
            return Optional.of(head);
        }
        objectStore.putDocument(head.key(), head.toJson().getBytes(StandardCharsets.UTF_8), "application/json");
        lastWritten = head.seq();
        return Optional.of(head);
    }

    public List<Checkpoint> all() {
        return objectStore.list(Checkpoint.PREFIX).stream()
                .map(key -> Checkpoint.parse(new String(objectStore.readDocument(key), StandardCharsets.UTF_8)))
                .toList();
    }

    private Checkpoint head() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select seq, hash from audit_head where id = 1")) {
            row.next();
            return new Checkpoint(row.getLong(1), row.getString(2), Instant.now(clock));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit head", e);
        }
    }

    @PreDestroy
    void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }
}

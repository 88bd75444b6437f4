package cn.insurer.archive.cluster;

import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.platform.Leader;
import cn.insurer.archive.platform.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Which node runs the periodic jobs (loan sweep, audit checkpoints, custody checks with orphan
 * collection, retention sweep): the one holding a session-level PostgreSQL advisory lock, on a
 * connection it keeps to itself for as long as it leads.
 *
 * <p>An advisory lock rather than a lease row: the lock lives exactly as long as the holder's
 * session, so a node killed outright (its socket closed by the kernel) or cut off (the server drops
 * the session, helped by TCP keepalives) frees it at once, without waiting out a lease and without
 * trusting the nodes' clocks; it writes nothing and needs no table. The connection is borrowed
 * from the server's pool and kept, so the driver stays the server's own; since a pooled connection
 * outlives its close, giving up leadership unlocks before the connection goes back (a connection
 * that cannot be unlocked is a dead one, whose session the database has ended, lock and all, and
 * which the pool discards). The holder re-checks every few seconds that its session still holds
 * the lock (after a database restart it does not) and stops leading the moment it cannot tell; a
 * job asks {@link #leads()}, which asks the database again, before each run, so a node whose
 * session was cut does not start a job while the other already leads. Every job works from
 * committed state, so the next leader carries on where the last one stopped.
 */
@ApplicationScoped
public class Leadership implements Leader {

    private static final Logger LOG = Logger.getLogger(Leadership.class.getName());
    /** The two keys of the lock: the archive's, and the periodic jobs' within it. */
    static final int LOCK_CLASS = 0x41524348;
    static final int LOCK_ID = 1;

    @Inject
    ArchiveSettings settings;

    @Resource(lookup = "java:jboss/datasources/ArchiveDS")
    DataSource pool;

    @Inject
    AuditLog audit;

    @Inject
    Event<Taken> taken;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> periodic;
    private Connection session;
    private volatile boolean leading;

    void start(@Observes Startup.Started started) {
        int every = settings.leaderPollSeconds();
        periodic = scheduler.scheduleWithFixedDelay(this::poll, 0, every, TimeUnit.SECONDS);
    }

    /**
     * Whether this node runs the periodic jobs now, asked of the database rather than remembered, so
     * a node whose session was cut since the last poll learns it before it starts a job.
     */
    @Override
    public synchronized boolean leads() {
        if (!leading) {
            return false;
        }
        try {
            if (!holds()) {
                lose("the database no longer holds this node's lock");
            }
        } catch (SQLException | RuntimeException e) {
            lose("the database cannot be reached: " + e.getMessage());
        }
        return leading;
    }

    synchronized void poll() {
        try {
            if (session == null) {
                session = connect();
            }
            if (leading) {
                if (!holds()) {
                    lose("the database no longer holds this node's lock");
                }
            } else if (tryLock()) {
                leading = true;
                LOG.info("Node " + settings.nodeName() + " now runs the periodic jobs");
                record(ClusterAuditActions.LEADERSHIP_TAKEN, "");
                taken.fire(new Taken());
            }
        } catch (SQLException | RuntimeException e) {
            if (leading) {
                lose("the database cannot be reached: " + e.getMessage());
            } else {
                LOG.log(Level.FINE, "Cannot try for leadership now", e);
            }
            closeSession();
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = pool.getConnection();
        try {
            connection.setClientInfo("ApplicationName", applicationName());
            // A lock holder that cannot hear from the database stops leading instead of waiting forever.
            connection.setNetworkTimeout(Runnable::run, (int) TimeUnit.SECONDS.toMillis(Math.max(5, 2L * settings.leaderPollSeconds())));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "The leadership connection keeps the pool's defaults", e);
        }
        return connection;
    }

    /** How the database's session list names this node's lock holder, so operators can see who leads. */
    private String applicationName() {
        String name = "archive leader " + settings.nodeName() + " pid " + ProcessHandle.current().pid();
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setInt(2, LOCK_ID);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private boolean holds() throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("select count(*) from pg_locks where locktype = 'advisory' "
                + "and pid = pg_backend_pid() and granted and classid = ? and objid = ? and objsubid = 2")) {
            statement.setLong(1, LOCK_CLASS);
            statement.setLong(2, LOCK_ID);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getLong(1) > 0;
            }
        }
    }

    private void lose(String reason) {
        leading = false;
        LOG.warning("Node " + settings.nodeName() + " stops running the periodic jobs: " + reason);
        closeSession();
        record(ClusterAuditActions.LEADERSHIP_LOST, reason);
    }

    private void record(ClusterAuditActions action, String reason) {
        try {
            audit.recordSeparately(AuditLog.Actor.SYSTEM, action, "node:" + settings.nodeName(), Outcome.SUCCESS,
                    reason.isEmpty() ? Map.of("pid", ProcessHandle.current().pid()) : Map.of("pid", ProcessHandle.current().pid(), "reason", reason));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the change of leadership in the audit trail", e);
        }
    }

    /** Gives the lock back before the connection goes back to the pool. */
    private void closeSession() {
        if (session != null) {
            try (Statement statement = session.createStatement()) {
                statement.execute("select pg_advisory_unlock_all()");
            } catch (SQLException e) {
                LOG.log(Level.FINE, "The leadership session is gone, and its lock with it", e);
            }
            try {
                session.close();
            } catch (SQLException ignored) {
                // returned or discarded by the pool either way
            }
            session = null;
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        leading = false;
        closeSession();
    }

    /** Fired on the node that has just become leader, to pick up work its predecessor left running. */
    public record Taken() {
    }
}

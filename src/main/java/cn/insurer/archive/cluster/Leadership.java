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
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
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
 * trusting the nodes' clocks; it writes nothing and needs no table. The connection is the node's
 * own, opened with the server's driver but outside its pool: a pooled connection outlives its close,
 * session and lock with it, and a dead one may be handed out again until the pool's next
 * validation. The deployment does not see the driver's module (Hibernate would then choose
 * driver-specific types it cannot load), so the driver is found through a pooled connection. The holder re-checks every few seconds that its session still holds
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
    ClusterSettings settings;

    @Inject
    ArchiveSettings archiveSettings;

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
    private Driver driver;
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
        } catch (Exception e) {
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
                LOG.info("Node " + archiveSettings.nodeName() + " now runs the periodic jobs");
                record(ClusterAuditActions.LEADERSHIP_TAKEN, "");
                taken.fire(new Taken());
            }
        } catch (Exception e) {
            // Whatever it is (a checked RollbackException of a failed commit too): escaping, it would end the polling.
            if (leading) {
                lose("the database cannot be reached: " + e.getMessage());
            } else {
                LOG.log(Level.FINE, "Cannot try for leadership now", e);
            }
            closeSession();
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", archiveSettings.dbUser());
        properties.setProperty("password", archiveSettings.dbPassword());
        properties.setProperty("ApplicationName", applicationName());
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", Integer.toString(Math.max(5, 2 * settings.leaderPollSeconds())));
        Connection connection = driver().connect(archiveSettings.dbUrl(), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not take the URL " + archiveSettings.dbUrl());
        }
        return connection;
    }

    /** The server's PostgreSQL driver, loaded from the module that holds the pool's own connections. */
    private Driver driver() throws SQLException {
        if (driver == null) {
            try (Connection pooled = pool.getConnection()) {
                Object physical = pooled.getClass().getMethod("getUnderlyingConnection").invoke(pooled);
                Class<?> type = Class.forName("org.postgresql.Driver", true, physical.getClass().getClassLoader());
                driver = (Driver) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new SQLException("cannot reach the server's PostgreSQL driver", e);
            }
        }
        return driver;
    }

    /** How the database's session list names this node's lock holder, so operators can see who leads. */
    private String applicationName() {
        String name = "archive leader " + archiveSettings.nodeName() + " pid " + ProcessHandle.current().pid();
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
        LOG.warning("Node " + archiveSettings.nodeName() + " stops running the periodic jobs: " + reason);
        closeSession();
        record(ClusterAuditActions.LEADERSHIP_LOST, reason);
    }

    private void record(ClusterAuditActions action, String reason) {
        try {
            audit.recordSeparately(AuditLog.Actor.SYSTEM, action, "node:" + archiveSettings.nodeName(), Outcome.SUCCESS,
                    reason.isEmpty() ? Map.of("pid", ProcessHandle.current().pid()) : Map.of("pid", ProcessHandle.current().pid(), "reason", reason));
        } catch (Exception e) {
            // Also a failed commit, which comes out as a checked RollbackException.
            LOG.log(Level.WARNING, "Could not record the change of leadership in the audit trail", e);
        }
    }

    /** Ends the session, and the lock with it. */
    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // the session is gone either way, and the lock with it
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

package cn.insurer.archive.problem;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The database could not be reached, or dropped the connection (restarted, shutting down, still
 * starting). Nothing the caller did is wrong and trying again shortly may work, so it reaches users
 * as the database-unavailable problem (503 on the API), like the object store's outage; the
 * driver's own words stay in the log.
 */
public class DatabaseUnavailableException extends ProblemException {

    /** PostgreSQL's and JDBC's SQLSTATEs that say the server is gone, not that the statement is wrong. */
    private static final Set<String> OUTAGE_STATES = Set.of(
            "57P01", // admin_shutdown: the server is stopping (a restart)
            "57P02", // crash_shutdown
            "57P03"); // cannot_connect_now: the server is still starting

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, "database-unavailable", "problem.database.unavailable", message, cause);
    }

    /**
     * The problem to answer when a failure comes from the database being unreachable: anywhere among
     * its causes and the exceptions suppressed along them (the pool's, the persistence provider's and
     * the transaction manager's wrappers included: a commit that fails because the server went away
     * arrives as a rollback whose driver failure is only suppressed) a connection exception (SQLSTATE
     * class 08) or a server shutting down or starting up.
     */
    public static Optional<DatabaseUnavailableException> causing(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        Deque<Throwable> unseen = new ArrayDeque<>();
        unseen.add(failure);
        while (!unseen.isEmpty()) {
            Throwable current = unseen.poll();
            if (!seen.add(current)) {
                continue;
            }
            if (current instanceof DatabaseUnavailableException known) {
                return Optional.of(known);
            }
            if (current instanceof SQLException sql && outage(sql)) {
                return Optional.of(new DatabaseUnavailableException("The database is not available", failure));
            }
            if (current.getCause() != null) {
                unseen.add(current.getCause());
            }
            unseen.addAll(Arrays.asList(current.getSuppressed()));
        }
        return Optional.empty();
    }

    /** The exception or one chained to it as the next (a batch's failures). */
    private static boolean outage(SQLException sql) {
        SQLException current = sql;
        for (int depth = 0; current != null && depth < 16; depth++, current = current.getNextException()) {
            String state = current.getSQLState();
            if (state != null && (state.startsWith("08") || OUTAGE_STATES.contains(state))) {
                return true;
            }
        }
        return false;
    }
}

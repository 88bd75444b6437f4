package cn.insurer.archive.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableExceptionTest {

    @Test
    void aRefusedConnectionUnderThePoolsAndJpasWrappersIsAnOutage() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        RuntimeException wrapped = new IllegalStateException("Unable to acquire JDBC Connection",
                new SQLException("IJ031084: Unable to create connection", null, new RuntimeException(refused)));
        DatabaseUnavailableException outage = DatabaseUnavailableException.causing(wrapped).orElseThrow();
        assertEquals(ProblemException.Kind.UNAVAILABLE, outage.kind());
        assertEquals("database-unavailable", outage.type());
        assertEquals("problem.database.unavailable", outage.messageKey());
        assertEquals(wrapped, outage.getCause(), "the whole failure goes to the log");
    }

    @Test
    void aServerShuttingDownOrStartingIsAnOutageEvenAsABatchsNextException() {
        assertTrue(DatabaseUnavailableException.causing(new SQLException("terminating connection due to administrator command", "57P01")).isPresent());
        assertTrue(DatabaseUnavailableException.causing(new SQLException("the database system is starting up", "57P03")).isPresent());
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "2D000", new int[0]);
        batch.setNextException(new SQLException("An I/O error occurred while sending to the backend", "08006"));
        assertTrue(DatabaseUnavailableException.causing(new RuntimeException(batch)).isPresent());
    }

    @Test
    void aCommitRolledBackBecauseTheServerWentAwayIsAnOutage() {
        // As the transaction manager reports it: the driver's failure only suppressed under the rollback.
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        Exception xa = new Exception("IJ001156: Could not commit local transaction",
                new RuntimeException("SQLException", new SQLException("terminating connection due to administrator command", "57P01")));
        rollback.addSuppressed(xa);
        assertTrue(DatabaseUnavailableException.causing(new IllegalStateException(rollback)).isPresent());
        Exception refused = new Exception("rolled back");
        refused.addSuppressed(new RuntimeException(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseUnavailableException.causing(refused).isPresent());
    }

    @Test
    void aStatementTheDatabaseRefusesIsNotAnOutage() {
        assertFalse(DatabaseUnavailableException.causing(new RuntimeException(new SQLException("duplicate key", "23505"))).isPresent());
        assertFalse(DatabaseUnavailableException.causing(new SQLException("no state")).isPresent());
        assertFalse(DatabaseUnavailableException.causing(new IllegalStateException("no SQL at all")).isPresent());
    }
}

package cn.insurer.archive.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One view of the trail shared by every connection that reads a part of it: the first connection
 * exports its snapshot and reads the head in it, the others take the same snapshot, so appends
 * made meanwhile are seen by none of them and the parts fit together.
 */
final class TrailSnapshot {

    private final String id;
    private final long headSeq;

    private TrailSnapshot(String id, long headSeq) {
        this.id = id;
        this.headSeq = headSeq;
    }

    /** Begins a read-only repeatable-read transaction on {@code connection} and exports its snapshot. */
    static TrailSnapshot export(Connection connection) throws SQLException {
        begin(connection);
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select pg_export_snapshot(), (select seq from audit_head where id = 1)")) {
            row.next();
            return new TrailSnapshot(row.getString(1), row.getLong(2));
        }
    }

    /** The last sequence number the head names in this snapshot. */
    long headSeq() {
        return headSeq;
    }

    /** Begins a transaction on {@code connection} that sees exactly what the exporting one sees. */
    void join(Connection connection) throws SQLException {
        begin(connection);
        if (!id.matches("[0-9A-Fa-f-]+")) {
            throw new SQLException("PostgreSQL exported a snapshot named " + id);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("set transaction snapshot '" + id + "'");
        }
    }

    /** Ends the transaction and leaves the connection in autocommit, read-committed, as a pool lends it. */
    static void end(Connection connection) throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
        connection.setReadOnly(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }

    private static void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
    }
}

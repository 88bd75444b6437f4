package cn.insurer.archive.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * Appends events to the chain on the transaction's own connection. The head row is locked first,
 * so concurrent transactions append one after another: sequence numbers have no gaps and no
 * duplicates, and each event names the hash of the one before it. The lock is taken just before
 * commit and released by it.
 */
final class ChainAppender {

    private ChainAppender() {
    }

    static void append(DataSource dataSource, List<PendingEvent> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            append(connection, events);
        }
    }

    /** Appends on the given connection, inside whatever transaction it is in. */
    static void append(Connection connection, List<PendingEvent> events) throws SQLException {
        long seq;
        String previous;
        try (PreparedStatement head = connection.prepareStatement("select seq, hash from audit_head where id = 1 for update");
             ResultSet row = head.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("audit_head is missing: the audit chain cannot be extended");
            }
            seq = row.getLong(1);
            previous = row.getString(2);
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_event "
                + "(seq, at, actor, action, target, outcome, client_address, details, prev_hash, hash) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PendingEvent event : events) {
                seq++;
                String hash = CanonicalForm.hash(seq, event.at(), event.actor(), event.action(), event.target(),
                        event.outcome().name(), event.clientAddress(), event.details(), previous);
                insert.setLong(1, seq);
                insert.setObject(2, OffsetDateTime.ofInstant(CanonicalForm.storedPrecision(event.at()), ZoneOffset.UTC));
                insert.setString(3, event.actor());
                insert.setString(4, event.action());
                insert.setString(5, event.target());
                insert.setString(6, event.outcome().name());
                insert.setString(7, event.clientAddress());
                insert.setString(8, event.details());
                insert.setString(9, previous);
                insert.setString(10, hash);
                insert.addBatch();
                previous = hash;
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement("update audit_head set seq = ?, hash = ? where id = 1")) {
            update.setLong(1, seq);
            update.setString(2, previous);
            update.executeUpdate();
        }
    }
}

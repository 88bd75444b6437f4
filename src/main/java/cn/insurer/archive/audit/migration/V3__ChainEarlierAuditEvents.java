package cn.insurer.archive.audit.migration;

import cn.insurer.archive.audit.CanonicalForm;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.Dependent;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Links the events written before the trail was a chain into it, in their original order, so that
 * the chain starts at sequence 1 and covers everything. Runs once, before the trail is locked.
 */
// Dependent: found by the start-up as a bean, and unproxied, since Flyway reads the version from the class name.
@Dependent
public class V3__ChainEarlierAuditEvents extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        List<Long> order = new ArrayList<>();
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("select seq from audit_event order by seq")) {
            while (rows.next()) {
                order.add(rows.getLong(1));
            }
        }
        if (order.isEmpty()) {
            return;
        }
        try (PreparedStatement renumber = connection.prepareStatement("update audit_event set seq = ? where seq = ?")) {
            for (int i = 0; i < order.size(); i++) {
                renumber.setLong(1, -(i + 1L));
                renumber.setLong(2, order.get(i));
                renumber.addBatch();
            }
            renumber.executeBatch();
        }
        try (Statement flip = connection.createStatement()) {
            flip.executeUpdate("update audit_event set seq = -seq");
        }
        String previous = CanonicalForm.GENESIS_HASH;
        long last = 0;
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("select seq, at, actor, action, target, outcome, client_address, details "
                     + "from audit_event order by seq");
             PreparedStatement link = connection.prepareStatement("update audit_event set prev_hash = ?, hash = ? where seq = ?")) {
            while (rows.next()) {
                last = rows.getLong(1);
                String hash = CanonicalForm.hash(last, rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), previous);
                link.setString(1, previous);
                link.setString(2, hash);
                link.setLong(3, last);
                link.addBatch();
                previous = hash;
            }
            link.executeBatch();
        }
        try (PreparedStatement head = connection.prepareStatement("update audit_head set seq = ?, hash = ? where id = 1")) {
            head.setLong(1, last);
            head.setString(2, previous);
            head.executeUpdate();
        }
    }
}

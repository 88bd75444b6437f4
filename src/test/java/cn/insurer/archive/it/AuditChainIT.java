package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.audit.CanonicalForm;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trail proves itself: a superuser who edits, deletes, reorders or rewrites events is caught
 * at the right link, and the application's own database user cannot change it at all. Every
 * tampering is undone (and the chain relinked) before the test ends, under the head row's lock.
 */
class AuditChainIT extends ServerTestBase {

    private static ApiClient auditor;
    private static ApiClient clerk;

    @BeforeAll
    static void users() {
        auditor = Users.create("auditor", "SECRET", "稽核部", "AUDITOR");
        clerk = Users.create("clerk", "INTERNAL", "档案室", "CLERK");
        for (int i = 0; i < 3; i++) {
            Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL"));
        }
    }

    @Test
    void anUntouchedTrailVerifiesAndEventsAreSearchable() {
        JsonNode result = verify();
        assertTrue(result.get("verified").asBoolean(), result::toString);
        assertTrue(result.get("events").asLong() >= 3);

        JsonNode page = auditor.get(ApiClient.query("/api/audit", Map.of("actor", clerk.username(), "action", "DOSSIER_CREATED"))).json();
        assertEquals(3, page.get("total").asInt(), page::toString);
        JsonNode event = page.get("events").get(0);
        assertEquals(64, event.get("hash").asText().length());
        assertTrue(event.get("details").has("businessKey"), event::toString);
        assertEquals(403, clerk.get("/api/audit").status());
        assertEquals(403, clerk.get("/api/audit/verify").status());
    }

    @Test
    void anEditedEventBreaksVerificationAtExactlyThatSequence() throws Exception {
        long seq = eventOf(clerk.username(), "DOSSIER_CREATED");
        String original = (String) Database.query("select details from audit_event where seq = ?", seq).get(0).get("details");
        superuser("update audit_event set details = ? where seq = ?", "{\"businessKey\":\"forged\"}", seq);
        try {
            JsonNode result = verify();
            assertFalse(result.get("verified").asBoolean());
            assertEquals(seq, result.get("firstBrokenSeq").asLong(), result::toString);
        } finally {
            superuser("update audit_event set details = ? where seq = ?", original, seq);
        }
        assertTrue(verify().get("verified").asBoolean());
    }

    @Test
    void aDeletedOrReorderedEventIsFound() throws Exception {
        long seq = eventOf(clerk.username(), "DOSSIER_CREATED");
        Map<String, Object> saved = Database.query("select *, at::text as at_text from audit_event where seq = ?", seq).get(0);
        superuser("delete from audit_event where seq = ?", seq);
        JsonNode deleted = verify();
        superuser("insert into audit_event (seq, at, actor, action, target, outcome, client_address, details, prev_hash, hash) "
                        + "values (?, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?)", saved.get("seq"), saved.get("at_text"), saved.get("actor"),
                saved.get("action"), saved.get("target"), saved.get("outcome"), saved.get("client_address"),
                saved.get("details"), saved.get("prev_hash"), saved.get("hash"));
        assertFalse(deleted.get("verified").asBoolean());
        assertEquals(seq, deleted.get("firstBrokenSeq").asLong(), deleted::toString);
        assertTrue(verify().get("verified").asBoolean());

        superuser("update audit_event set seq = -1 where seq = ?; update audit_event set seq = ? where seq = ?;"
                + "update audit_event set seq = ? where seq = -1", seq, seq, seq + 1, seq + 1);
        JsonNode reordered = verify();
        superuser("update audit_event set seq = -1 where seq = ?; update audit_event set seq = ? where seq = ?;"
                + "update audit_event set seq = ? where seq = -1", seq, seq, seq + 1, seq + 1);
        assertFalse(reordered.get("verified").asBoolean());
        assertEquals(seq, reordered.get("firstBrokenSeq").asLong(), reordered::toString);
        assertTrue(verify().get("verified").asBoolean());
    }

    @Test
    void aRehashedTailIsCaughtByTheCheckpoint() throws Exception {
        long seq = eventOf(clerk.username(), "DOSSIER_CREATED");
        JsonNode before = verify();
        assertTrue(before.get("verified").asBoolean());
        long checkpoint = before.get("events").asLong();
        String original = (String) Database.query("select details from audit_event where seq = ?", seq).get(0).get("details");
        rewriteFrom(seq, "{\"businessKey\":\"forged\"}");
        try {
            JsonNode result = verify();
            assertFalse(result.get("verified").asBoolean(), "a consistent rewrite is still caught");
            long broken = result.get("firstBrokenSeq").asLong();
            assertTrue(broken >= seq && broken <= checkpoint, result::toString);
            assertTrue(result.get("reason").asText().contains("checkpoint"), result::toString);
        } finally {
            rewriteFrom(seq, original);
        }
        assertTrue(verify().get("verified").asBoolean());
    }

    @Test
    void theApplicationsDatabaseUserCannotChangeTheTrail() throws Exception {
        try (Connection app = DriverManager.getConnection(System.getProperty("it.db.url"),
                System.getProperty("it.db.app.user"), System.getProperty("it.db.app.password"));
             Statement statement = app.createStatement()) {
            assertEquals(1, count(statement, "select count(*) from audit_event where seq = 1"), "the app can read");
            for (String change : List.of("update audit_event set actor = 'x' where seq = 1",
                    "delete from audit_event where seq = 1", "truncate audit_event",
                    "alter table audit_event disable trigger audit_event_append_only",
                    "drop trigger audit_event_append_only on audit_event")) {
                SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                        () -> statement.execute(change), change);
                assertEquals("42501", refused.getSQLState(), change + ": " + refused.getMessage());
            }
        }
        try (Connection owner = superuserConnection(); Statement statement = owner.createStatement()) {
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> statement.execute("update audit_event set actor = 'x' where seq = 1"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
    }

    @Test
    void concurrentWritersKeepOneGapFreeChain() throws Exception {
        int threads = 8;
        int actions = 15;
        List<ApiClient> writers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            writers.add(Users.create("writer", "INTERNAL", "档案室", "CLERK"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (ApiClient writer : writers) {
            for (int i = 0; i < actions; i++) {
                results.add(pool.submit(() -> writer.post("/api/dossiers", Dossiers.underwriting("家财险", "承保部")).status()));
            }
        }
        for (Future<Integer> result : results) {
            assertEquals(201, result.get());
        }
        pool.shutdown();
        long written = 0;
        for (ApiClient writer : writers) {
            written += auditor.get(ApiClient.query("/api/audit", Map.of("actor", writer.username(), "action", "DOSSIER_CREATED")))
                    .json().get("total").asLong();
        }
        assertEquals(threads * actions, written);
        Map<String, Object> shape = Database.query("select count(*) as n, min(seq) as lo, max(seq) as hi from audit_event").get(0);
        assertEquals(((Number) shape.get("n")).longValue(), ((Number) shape.get("hi")).longValue(), "no gaps, no duplicates");
        assertEquals(1L, ((Number) shape.get("lo")).longValue());
        assertTrue(verify().get("verified").asBoolean());
    }

    private static JsonNode verify() {
        ApiClient.Reply reply = auditor.get("/api/audit/verify");
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static long eventOf(String actor, String action) {
        return ((Number) Database.query("select min(seq) as seq from audit_event where actor = ? and action = ?", actor, action)
                .get(0).get("seq")).longValue();
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Connection superuserConnection() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("archive.it.pg.user", "postgres"), "");
    }

    /** Runs statements as a superuser with the trail's triggers bypassed, holding the chain's head lock. */
    private static void superuser(String sql, Object... parameters) throws SQLException {
        try (Connection connection = superuserConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local session_replication_role = replica");
                statement.execute("select 1 from audit_head where id = 1 for update");
            }
            int p = 0;
            for (String part : sql.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                try (PreparedStatement statement = connection.prepareStatement(part)) {
                    int count = (int) part.chars().filter(c -> c == '?').count();
                    for (int i = 1; i <= count; i++) {
                        statement.setObject(i, parameters[p++]);
                    }
                    statement.execute();
                }
            }
            connection.commit();
        }
    }

    /** What a careful forger does: change one event and recompute every later hash and the head. */
    private static void rewriteFrom(long seq, String details) throws SQLException {
        try (Connection connection = superuserConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local session_replication_role = replica");
                statement.execute("select 1 from audit_head where id = 1 for update");
            }
            try (PreparedStatement update = connection.prepareStatement("update audit_event set details = ? where seq = ?")) {
                update.setString(1, details);
                update.setLong(2, seq);
                update.executeUpdate();
            }
            String previous;
            try (PreparedStatement before = connection.prepareStatement("select hash from audit_event where seq = ?")) {
                before.setLong(1, seq - 1);
                try (ResultSet row = before.executeQuery()) {
                    previous = row.next() ? row.getString(1) : CanonicalForm.GENESIS_HASH;
                }
            }
            long last = seq - 1;
            try (PreparedStatement rows = connection.prepareStatement("select seq, at, actor, action, target, outcome, "
                    + "client_address, details from audit_event where seq >= ? order by seq");
                 PreparedStatement link = connection.prepareStatement("update audit_event set prev_hash = ?, hash = ? where seq = ?")) {
                rows.setLong(1, seq);
                try (ResultSet row = rows.executeQuery()) {
                    while (row.next()) {
                        last = row.getLong(1);
                        String hash = CanonicalForm.hash(last, row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3),
                                row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8), previous);
                        link.setString(1, previous);
                        link.setString(2, hash);
                        link.setLong(3, last);
                        link.executeUpdate();
                        previous = hash;
                    }
                }
            }
            try (PreparedStatement head = connection.prepareStatement("update audit_head set seq = ?, hash = ? where id = 1")) {
                head.setLong(1, last);
                head.setString(2, previous);
                head.executeUpdate();
            }
            connection.commit();
        }
    }
}

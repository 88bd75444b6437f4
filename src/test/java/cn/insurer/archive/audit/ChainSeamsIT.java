package cn.insurer.archive.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verification read in ranges on several connections at once, against PostgreSQL: a trail of 1,000
 * events in ranges of 64, with breaks placed on the seams between ranges, must be judged exactly
 * as one reader reading it in one range judges it: same first broken event, same reason, same count.
 */
class ChainSeamsIT {

    private static final String DATABASE = "chain_seams_it";
    private static final int EVENTS = 1_000;
    private static final long RANGE = 64;
    private static final ExecutorService THREADS = Executors.newFixedThreadPool(8);

    @BeforeAll
    static void database() throws SQLException {
        try (Connection server = DriverManager.getConnection(System.getProperty("it.db.url"), user(), "");
             Statement statement = server.createStatement()) {
            statement.execute("drop database if exists " + DATABASE);
            statement.execute("create database " + DATABASE);
        }
        execute("create table audit_event (seq bigint primary key, at timestamptz not null, actor varchar(64) not null, "
                + "action varchar(60) not null, target varchar(200), outcome varchar(20) not null, client_address varchar(100), "
                + "details text not null, prev_hash varchar(64) not null, hash varchar(64) not null)",
                "create table audit_head (id int primary key, seq bigint not null, hash varchar(64) not null)");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        THREADS.shutdown();
        try (Connection server = DriverManager.getConnection(System.getProperty("it.db.url"), user(), "");
             Statement statement = server.createStatement()) {
            statement.execute("drop database if exists " + DATABASE);
        }
    }

    /** A valid chain, written by the application's appender, of every shape of value: non-ASCII text, nulls, fractions or none. */
    @BeforeEach
    void trail() throws SQLException {
        execute("truncate audit_event", "delete from audit_head",
                "insert into audit_head values (1, 0, '" + CanonicalForm.GENESIS_HASH + "')");
        List<PendingEvent> events = new ArrayList<>();
        Instant start = Instant.parse("2026-03-31T08:00:00Z");
        for (long seq = 1; seq <= EVENTS; seq++) {
            events.add(new PendingEvent(start.plusMillis(seq * 1_337).plusNanos(seq % 3 == 0 ? 0 : seq * 1_000 % 1_000_000),
                    seq % 5 == 0 ? "档案员" + seq : "clerk" + seq % 7, "ITEM_UPLOADED", seq % 4 == 0 ? null : "dossier:" + seq,
                    Outcome.SUCCESS, "10.0.0.1", "{\"n\":" + seq + (seq % 3 == 0 ? ",\"title\":\"理赔卷宗\"" : "") + "}"));
        }
        try (Connection connection = connect()) {
            ChainAppender.append(connection, events);
        }
    }

    @Test
    void anIntactTrailVerifiesInRanges() throws SQLException {
        ChainVerification ranged = inRanges(List.of());
        assertTrue(ranged.verified(), ranged::toString);
        assertEquals(EVENTS, ranged.events());
        assertSameAsOneReader(List.of());
    }

    @Test
    void theFirstEventOfARangeDeleted() throws SQLException {
        execute("delete from audit_event where seq = 65");
        assertBrokenAt(65, "event 65 is missing (next found: 66)");
    }

    @Test
    void theLastEventOfARangeDeleted() throws SQLException {
        execute("delete from audit_event where seq = 128");
        assertBrokenAt(128, "event 128 is missing (next found: 129)");
    }

    @Test
    void aWholeRangeDeleted() throws SQLException {
        execute("delete from audit_event where seq between 129 and 192");
        assertBrokenAt(129, "event 129 is missing (next found: 193)");
    }

    @Test
    void theFirstEventOfARangeNamesAnotherHash() throws SQLException {
        execute("update audit_event set prev_hash = (select hash from audit_event where seq = 10) where seq = 257");
        assertBrokenAt(257, "does not name the hash of event 256");
    }

    @Test
    void theFirstEventOfARangeEdited() throws SQLException {
        execute("update audit_event set details = '{\"n\":0}' where seq = 321");
        assertBrokenAt(321, "content was changed after it was written");
    }

    @Test
    void theEarliestOfTwoBreaksInDifferentRangesIsReported() throws SQLException {
        execute("delete from audit_event where seq = 900", "update audit_event set actor = 'someone' where seq = 300");
        assertBrokenAt(300, "content was changed after it was written");
    }

    @Test
    void theLastEventsDeleted() throws SQLException {
        execute("delete from audit_event where seq > 997");
        assertBrokenAt(998, "events after 997 are missing (the trail had reached 1000)");
    }

    @Test
    void aCheckpointDisagreeingAtTheStartOfARange() throws SQLException {
        List<Checkpoint> checkpoints = List.of(new Checkpoint(129, "f".repeat(64), Instant.parse("2026-04-01T00:00:00Z")));
        ChainVerification ranged = inRanges(checkpoints);
        assertFalse(ranged.verified());
        assertEquals(129L, ranged.firstBrokenSeq());
        assertEquals("disagrees with the checkpoint kept in the object store", ranged.reason());
        assertSameAsOneReader(checkpoints);
    }

    private static void assertBrokenAt(long seq, String reason) throws SQLException {
        ChainVerification ranged = inRanges(List.of());
        assertFalse(ranged.verified(), ranged::toString);
        assertEquals(seq, ranged.firstBrokenSeq(), ranged::toString);
        assertEquals(seq - 1, ranged.events(), ranged::toString);
        assertEquals(reason, ranged.reason());
        assertSameAsOneReader(List.of());
    }

    private static void assertSameAsOneReader(List<Checkpoint> checkpoints) throws SQLException {
        ChainVerification ranged = inRanges(checkpoints);
        ChainVerification whole = ChainVerifier.verify(ChainSeamsIT::connect, checkpoints, 1, THREADS, Long.MAX_VALUE / 2);
        assertEquals(List.of(whole.verified(), whole.events(), String.valueOf(whole.firstBrokenSeq()), String.valueOf(whole.reason())),
                List.of(ranged.verified(), ranged.events(), String.valueOf(ranged.firstBrokenSeq()), String.valueOf(ranged.reason())));
    }

    private static ChainVerification inRanges(List<Checkpoint> checkpoints) throws SQLException {
        return ChainVerifier.verify(ChainSeamsIT::connect, checkpoints, 3, THREADS, RANGE);
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Connection connect() throws SQLException {
        String url = System.getProperty("it.db.url");
        return DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + DATABASE, user(), "");
    }

    private static String user() {
        return System.getProperty("archive.it.pg.user", "postgres");
    }
}

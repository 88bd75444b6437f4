package cn.insurer.archive.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.it.ApiClient;
import cn.insurer.archive.it.Dossiers;
import cn.insurer.archive.it.ServerTestBase;
import cn.insurer.archive.it.Users;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Audit trail throughput next to its baselines, in one run against the real PostgreSQL:
 * chained appends under 8 concurrent writers vs bare single-row INSERTs under 8 writers;
 * verification over a long trail vs bare SHA-256 of the same canonical forms; and one append's
 * latency vs one item upload's. Run with {@code mvn verify -Pbench} ({@code -Dbench.audit.events=N}).
 */
class AuditBench extends ServerTestBase {

    private static final int WRITERS = 8;
    private static final int APPENDS_PER_WRITER = Integer.getInteger("bench.audit.appends", 500);
    private static final long TRAIL = Long.getLong("bench.audit.events", 10_000_000L);
    private static final int WARM_UP_VERIFICATIONS = 2;
    private static final int VERIFICATIONS = 5;
    private static final String DETAILS = "{\"dossierId\":\"3f1c2b9e-1111-4000-8000-000000000000\",\"sha256\":\""
            + "a".repeat(64) + "\",\"size\":48213}";

    @Test
    void appendVerifyAndLatencyAgainstBaselines() throws Exception {
        double bareInsert = rate(WRITERS * APPENDS_PER_WRITER, () -> parallel(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into bench_insert (at, actor, action, target, outcome, details) values (now(), 'bench', 'ITEM_UPLOADED', 'item:x', 'SUCCESS', ?)")) {
                insert.setString(1, DETAILS);
                insert.executeUpdate();
            }
        }, true));
        double chained = rate(WRITERS * APPENDS_PER_WRITER, () -> parallel(connection -> ChainAppender.append(connection,
                List.of(new PendingEvent(Instant.now(), "bench", "ITEM_UPLOADED", "item:x", Outcome.SUCCESS, "127.0.0.1", DETAILS))), false));

        long head = fillTrailTo(TRAIL);
        double sha = bareSha256(head);
        int readers = ChainVerifier.readers();
        double[] oneReader = new double[VERIFICATIONS];
        double[] verification = new double[VERIFICATIONS];
        ExecutorService threads = Executors.newFixedThreadPool(readers + Runtime.getRuntime().availableProcessors());
        try {
            // One reader (how the trail was read before) and the readers the archive uses, taking
            // turns so that both meet the same machine; the first rounds warm the JIT up.
            for (int round = -WARM_UP_VERIFICATIONS; round < VERIFICATIONS; round++) {
                double one = verifiedPerSecond(1, threads);
                double many = verifiedPerSecond(readers, threads);
                if (round >= 0) {
                    oneReader[round] = one;
                    verification[round] = many;
                }
            }
        } finally {
            threads.shutdown();
        }
        double verify = median(verification);
        double verifyOneReader = median(oneReader);

        double appendMillis = appendLatencyMillis(200);
        double uploadMillis = uploadLatencyMillis(200);

        String report = String.join(System.lineSeparator(), "",
                "=== Audit trail benchmark (" + Runtime.getRuntime().availableProcessors() + " cores) ===",
                String.format(Locale.ROOT, "appends, %d writers:      %9.0f events/s   bare INSERT, %d writers: %9.0f rows/s   ratio %.2f",
                        WRITERS, chained, WRITERS, bareInsert, chained / bareInsert),
                String.format(Locale.ROOT, "verification of %,d events, %d readers: %9.0f events/s (median of %d)   bare SHA-256 of the same forms: %9.0f /s   ratio %.2f",
                        head, readers, verify, VERIFICATIONS, sha, verify / sha),
                String.format(Locale.ROOT, "verification of %,d events, 1 reader:  %9.0f events/s   %d readers / 1 reader: %.2f",
                        head, verifyOneReader, readers, verify / verifyOneReader),
                "verification rounds, events/s: " + readers + " readers " + rounds(verification) + ", 1 reader " + rounds(oneReader),
                String.format(Locale.ROOT, "one append (own transaction): %.2f ms   one item upload (REST, 4 KiB): %.2f ms   share %.1f %%",
                        appendMillis, uploadMillis, 100 * appendMillis / uploadMillis),
                "");
        System.out.println(report);
        Files.writeString(Path.of("target/bench-audit.txt"), report);
    }

    /** Verifies the whole trail on {@code readers} readers; events per second. */
    private static double verifiedPerSecond(int readers, ExecutorService threads) throws SQLException {
        ChainVerification verification = ChainVerifier.verify(AuditBench::owner, List.of(), readers, threads);
        assertTrue(verification.verified(), verification::toString);
        return verification.events() / verification.seconds();
    }

    private static String rounds(double[] values) {
        return Arrays.stream(values).mapToObj(value -> String.format(Locale.ROOT, "%.0f", value)).toList().toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    interface Work {
        void run(Connection connection) throws Exception;
    }

    private static Connection owner() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("archive.it.pg.user", "postgres"), "");
    }

    private static double rate(long operations, Task task) throws Exception {
        Instant start = Instant.now();
        task.run();
        return operations / (Duration.between(start, Instant.now()).toNanos() / 1e9);
    }

    interface Task {
        void run() throws Exception;
    }

    private static void parallel(Work work, boolean autoCommit) throws Exception {
        try (Connection setup = owner(); Statement statement = setup.createStatement()) {
            statement.execute("create table if not exists bench_insert (id bigserial primary key, at timestamptz, actor text, "
                    + "action text, target text, outcome text, details text)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            futures.add(pool.submit(() -> {
                try (Connection connection = owner()) {
                    connection.setAutoCommit(autoCommit);
                    for (int i = 0; i < APPENDS_PER_WRITER; i++) {
                        work.run(connection);
                        if (!autoCommit) {
                            connection.commit();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
    }

    /** Bulk-loads a valid chain with COPY until the trail holds {@code target} events. */
    private static long fillTrailTo(long target) throws Exception {
        try (Connection connection = owner()) {
            connection.setAutoCommit(false);
            long seq;
            String previous;
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("select seq, hash from audit_head where id = 1 for update")) {
                row.next();
                seq = row.getLong(1);
                previous = row.getString(2);
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Instant at = CanonicalForm.storedPrecision(Instant.now());
            String csvDetails = "\"" + DETAILS.replace("\"", "\"\"") + "\"";
            while (seq < target) {
                StringBuilder batch = new StringBuilder(32 << 20);
                for (int i = 0; i < 100_000 && seq < target; i++) {
                    seq++;
                    String hash = CanonicalForm.hash(seq, at, "bench", "ITEM_UPLOADED", "item:x", "SUCCESS", "127.0.0.1", DETAILS, previous);
                    batch.append(seq).append(',').append(DateTimeFormatter.ISO_INSTANT.format(at))
                            .append(",bench,ITEM_UPLOADED,item:x,SUCCESS,127.0.0.1,").append(csvDetails).append(',')
                            .append(previous).append(',').append(hash).append('\n');
                    previous = hash;
                }
                copy.copyIn("copy audit_event (seq, at, actor, action, target, outcome, client_address, details, prev_hash, hash) "
                        + "from stdin with (format csv)", new StringReader(batch.toString()));
            }
            try (PreparedStatement update = connection.prepareStatement("update audit_head set seq = ?, hash = ? where id = 1")) {
                update.setLong(1, seq);
                update.setString(2, previous);
                update.executeUpdate();
            }
            connection.commit();
            // A trail that grew over years has long been vacuumed; one loaded in a single transaction
            // has not, and its first reads would measure PostgreSQL setting hint bits and autovacuum
            // running beside the verification instead of the verification.
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("vacuum (analyze) audit_event");
            }
            return seq;
        }
    }

    private static double bareSha256(long count) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Instant at = Instant.now();
        String form = CanonicalForm.of(1, at, "bench", "ITEM_UPLOADED", "item:x", "SUCCESS", "127.0.0.1", DETAILS, "0".repeat(64));
        Instant start = Instant.now();
        for (long i = 0; i < count; i++) {
            sha.digest(form.getBytes(StandardCharsets.UTF_8));
        }
        return count / (Duration.between(start, Instant.now()).toNanos() / 1e9);
    }

    private static double appendLatencyMillis(int count) throws Exception {
        try (Connection connection = owner()) {
            connection.setAutoCommit(false);
            Instant start = Instant.now();
            for (int i = 0; i < count; i++) {
                ChainAppender.append(connection, List.of(new PendingEvent(Instant.now(), "bench", "ITEM_UPLOADED", "item:x",
                        Outcome.SUCCESS, "127.0.0.1", DETAILS)));
                connection.commit();
            }
            return Duration.between(start, Instant.now()).toNanos() / 1e6 / count;
        }
    }

    private static double uploadLatencyMillis(int count) {
        ApiClient clerk = Users.create("bench", "INTERNAL", "档案室", "CLERK");
        String dossier = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        byte[] body = new byte[4096];
        Instant start = Instant.now();
        for (int i = 0; i < count; i++) {
            body[0] = (byte) i;
            body[1] = (byte) (i >> 8);
            assertEquals(201, clerk.upload(dossier, body, "p" + i + ".bin", Dossiers.itemMetadata("p" + i, "OTHER")).status());
        }
        return Duration.between(start, Instant.now()).toNanos() / 1e6 / count;
    }
}

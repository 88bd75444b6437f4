package cn.insurer.archive.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.insurer.archive.it.ApiClient;
import cn.insurer.archive.it.Await;
import cn.insurer.archive.it.ServerTestBase;
import cn.insurer.archive.it.Users;
import com.fasterxml.jackson.databind.JsonNode;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The custody sweep (四性检测) over many stored objects, next to a raw S3 GET plus SHA-256 of the
 * same objects in the same run. Objects and their item rows are loaded directly (bucket and COPY),
 * not through the API, so only the sweep is measured. {@code mvn verify -Pbench -Dit.test=CustodyBench}
 * ({@code -Dbench.custody.objects=N}, default 100,000; {@code -Dbench.custody.size=BYTES}, default 4096).
 */
class CustodyBench extends ServerTestBase {

    private static final int OBJECTS = Integer.getInteger("bench.custody.objects", 100_000);
    private static final int SIZE = Integer.getInteger("bench.custody.size", 4096);
    private static final int LOADERS = 8;
    /** As many checks as the sweep runs ahead on this machine (ContentReader). */
    private static final int RAW_THREADS = 16;

    @Test
    void sweepAgainstRawGetAndHash() throws Exception {
        MinioClient s3 = MinioClient.builder().endpoint(System.getProperty("it.s3.endpoint"))
                .credentials(System.getProperty("it.s3.access.key"), System.getProperty("it.s3.secret.key")).build();
        List<String> hashes = load(s3);

        Instant start = Instant.now();
        AtomicLong bytes = new AtomicLong();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (String hash : hashes) {
            try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket("archive-it").object(key(hash)).build())) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, read);
                    bytes.addAndGet(read);
                }
                sha.digest();
            }
        }
        double rawSeconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
        // The sweep checks several objects at once, so the skeptic's baseline does too.
        double parallelSeconds = rawInParallel(s3, hashes);

        // The raw passes run in a JVM that has just PUT every object, so their client code is
        // compiled; the server meets the sweep's code for the first time. The sweep runs twice and
        // both are reported: the first as a server just started does it, the second as the nightly
        // sweep of a server that has been up does.
        ApiClient manager = Users.create("manager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        Sweep first = sweep(manager);
        Sweep second = sweep(manager);

        double raw = hashes.size() / rawSeconds;
        double parallel = hashes.size() / parallelSeconds;
        String report = String.join(System.lineSeparator(), "",
                "=== Custody sweep benchmark: " + OBJECTS + " objects of " + SIZE + " bytes ("
                        + Runtime.getRuntime().availableProcessors() + " cores) ===",
                String.format(Locale.ROOT, "raw S3 GET + SHA-256, 1 thread:  %8.1f s  %8.0f objects/s  %6.1f MB/s",
                        rawSeconds, raw, bytes.get() / 1e6 / rawSeconds),
                String.format(Locale.ROOT, "raw S3 GET + SHA-256, %d threads: %7.1f s  %8.0f objects/s",
                        RAW_THREADS, parallelSeconds, parallel),
                first.line("custody sweep, first:         ", raw, parallel),
                second.line("custody sweep, second:        ", raw, parallel),
                "");
        System.out.println(report);
        Files.writeString(Path.of("target/bench-custody.txt"), report);
    }

    private record Sweep(double seconds, int swept, long bytes, JsonNode counts) {

        String line(String label, double raw, double parallel) {
            double rate = swept / seconds;
            return String.format(Locale.ROOT, "%s%8.1f s  %8.0f objects/s  %6.1f MB/s  (%d objects, findings %s)"
                            + "  ratio to raw, 1 thread: %.2f, %d threads: %.2f",
                    label, seconds, rate, bytes / 1e6 / seconds, swept, counts, rate / raw, RAW_THREADS, rate / parallel);
        }
    }

    private static Sweep sweep(ApiClient manager) {
        String check = manager.post("/api/custody/checks", "").json().get("id").asText();
        JsonNode done = Await.until(() -> manager.get("/api/custody/checks/" + check).json(),
                c -> !c.get("status").asText().equals("RUNNING"), Duration.ofHours(2));
        assertEquals("COMPLETED", done.get("status").asText(), done::toString);
        double seconds = Duration.between(Instant.parse(done.get("startedAt").asText()),
                Instant.parse(done.get("finishedAt").asText())).toNanos() / 1e9;
        return new Sweep(seconds, done.get("total").asInt(), done.get("bytesRead").asLong(), done.get("counts"));
    }

    private static double rawInParallel(MinioClient s3, List<String> hashes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RAW_THREADS);
        long start = System.nanoTime();
        List<Future<?>> reads = new ArrayList<>();
        for (int t = 0; t < RAW_THREADS; t++) {
            int first = t;
            reads.add(pool.submit(() -> {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[64 * 1024];
                for (int i = first; i < hashes.size(); i += RAW_THREADS) {
                    try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket("archive-it").object(key(hashes.get(i))).build())) {
                        int read;
                        while ((read = in.read(buffer)) > 0) {
                            sha.update(buffer, 0, read);
                        }
                        sha.digest();
                    }
                }
                return null;
            }));
        }
        for (Future<?> read : reads) {
            read.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Puts the objects in the bucket and one dossier's item rows for them in the database. */
    private static List<String> load(MinioClient s3) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(LOADERS);
        List<Future<String>> puts = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            int seed = i;
            puts.add(pool.submit(() -> {
                byte[] bytes = new byte[SIZE];
                new Random(seed * 31L + System.nanoTime()).nextBytes(bytes);
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                s3.putObject(PutObjectArgs.builder().bucket("archive-it").object(key(hash))
                        .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
                return hash;
            }));
        }
        List<String> hashes = new ArrayList<>();
        for (Future<String> put : puts) {
            hashes.add(put.get());
        }
        pool.shutdown();
        try (Connection db = DriverManager.getConnection(System.getProperty("it.db.url"), "postgres", "")) {
            UUID dossier = UUID.randomUUID();
            try (var insert = db.prepareStatement("insert into dossier (id, type, business_key, product_line, title, department, "
                    + "security_level, status, policy_number, claim_number, loss_date, metadata, created_by, created_at, updated_at) "
                    + "values (?, 'CLAIM', ?, '企业财产险', '托管检查基准', '理赔部', 'INTERNAL', 'OPEN', 'PBENCH', ?, current_date, '{}', 'bench', now(), now())")) {
                insert.setObject(1, dossier);
                insert.setString(2, "CBENCH-" + dossier);
                insert.setString(3, "CBENCH-" + dossier);
                insert.executeUpdate();
            }
            StringBuilder objects = new StringBuilder();
            StringBuilder items = new StringBuilder();
            int number = 0;
            for (String hash : hashes) {
                number++;
                objects.append(hash).append(',').append(SIZE).append(",2025-01-01T00:00:00Z\n");
                items.append(UUID.randomUUID()).append(',').append(dossier).append(',').append(number)
                        .append(",件,OTHER,f.bin,application/octet-stream,").append(SIZE).append(',').append(hash)
                        .append(",INTERNAL,DONE,bench,2025-01-01T00:00:00Z\n");
            }
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy stored_object (sha256, size, created_at) from stdin with (format csv)", new StringReader(objects.toString()));
            copy.copyIn("copy item (id, dossier_id, item_number, title, document_type, file_name, media_type, size, sha256, "
                    + "security_level, extraction_state, created_by, created_at) from stdin with (format csv)", new StringReader(items.toString()));
        }
        return hashes;
    }

    private static String key(String hash) {
        return "sha256/" + hash.substring(0, 2) + "/" + hash;
    }
}

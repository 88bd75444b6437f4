package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The two faults of the operator's list that {@link FaultIT} leaves out, on a server of this class's
 * own: PostgreSQL (a private cluster, so the shared one on 5432 is left alone) stopped and started
 * again while clerks upload and search, and the disk that uploads are staged on filling up in the
 * middle of one. Requests caught by the fault get a 503 problem, the server recovers by itself and
 * nothing is half filed. Figures go to the test output as {@code DatabaseAndDiskFaultIT ...} lines and
 * to {@code target/faults-database-disk.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseAndDiskFaultIT {

    private static final String BUCKET = "archive-dbfault";
    /** How long the database stays down: long enough that every load thread meets the outage. */
    private static final Duration DOWN_FOR = Duration.ofSeconds(8);
    /** How soon after PostgreSQL is back uploads and searches succeed again, without touching the server. */
    private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(20);
    private static final Duration SETTLED_WITHIN = Duration.ofMinutes(2);
    private static final int LOAD_THREADS = 3;
    private static final long MIB = 1024 * 1024;
    private static final List<String> FIGURES = new ArrayList<>();

    private static Path work;
    private static PrivatePostgres postgres;
    private static String dbUrl;
    private static int s3Port;
    private static String accessKey;
    private static String secretKey;
    private static Process s3proxy;
    private static StandaloneServer server;
    private static Users.Account clerk;
    private static ApiClient auditor;

    @BeforeAll
    static void startOwnArchive() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("archive.it.dir", "target/it"))), "dbfault-")
                .toAbsolutePath();
        Instant begin = Instant.now();
        postgres = PrivatePostgres.start();
        figure("private PostgreSQL 15 cluster on port " + postgres.port() + " initialised and started in " + ArchiveChecks.seconds(begin));
        String dbPassword = TestEnvironment.random(12);
        String ownerPassword = TestEnvironment.random(12);
        dbUrl = postgres.url(TestEnvironment.createDatabase(postgres.url("postgres"), dbPassword, ownerPassword));
        accessKey = "dbfault" + TestEnvironment.random(6);
        secretKey = TestEnvironment.random(24);
        s3Port = TestEnvironment.freePort();
        s3proxy = TestEnvironment.startS3Proxy(work, s3Port, accessKey, secretKey, true);
        server = new StandaloneServer(work.resolve("server"), new StandaloneServer.Storage(dbUrl, dbPassword, ownerPassword,
                "http://127.0.0.1:" + s3Port, accessKey, secretKey, BUCKET), List.of("-Darchive.extraction.workers=1"));
        begin = Instant.now();
        server.start();
        figure("own server started in " + ArchiveChecks.seconds(begin));
        clerk = server.account("dclerk", "CONFIDENTIAL", "CLERK");
        auditor = server.account("daudit", "SECRET", "AUDITOR").api();
    }

    @AfterEach
    void exchangesFollowTheContract() {
        ContractCheck.assertFollowed();
    }

    @AfterAll
    static void stopOwnArchive() throws Exception {
        // The cluster goes last, its files with it, whatever happens to the server and the store.
        try (PrivatePostgres cluster = postgres) {
            if (server != null) {
                server.kill();
            }
            if (s3proxy != null) {
                s3proxy.destroyForcibly().waitFor();
            }
        } finally {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "faults-database-disk.txt"), String.join("\n", FIGURES) + "\n");
        }
    }

    @Test
    @Order(1)
    void aFullStagingDiskAnswers503RemovesThePartialFileAndFilesNothing() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "a small disk for the staging folder is mounted with mount -t tmpfs, which needs root; not root here");
        Path staging = work.resolve("server").resolve("data").resolve("tmp");
        Files.createDirectories(staging);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", staging.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(mount.waitFor() == 0, "cannot mount a 2 MiB tmpfs on the staging folder: " + said);
        try {
            ApiClient api = clerk.api();
            String dossier = Dossiers.create(api, Dossiers.claim("企业财产险", "理赔部", "INTERNAL")).get("id").asText();
            long items = count("select count(*) from item");
            long objects = count("select count(*) from stored_object");
            byte[] big = new byte[(int) (8 * MIB)];
            new SecureRandom().nextBytes(big);
            Instant sent = Instant.now();
            ApiClient.Reply refused = api.upload(dossier, big, "现场录像.bin", Dossiers.itemMetadata("现场录像", "OTHER"));
            Duration answeredIn = Duration.between(sent, Instant.now());
            JsonNode problem = assertProblem(refused, "staging-full");
            assertTrue(problem.get("detail").asText().contains("空间已满"), problem::toString);
            assertEquals(List.of(), entries(staging), "the partial staged file is removed");
            assertEquals(items, count("select count(*) from item"), "no item row");
            assertEquals(objects, count("select count(*) from stored_object"), "no object registered");
            assertEquals(0, count("select count(*) from item where sha256 = ?", ArchiveChecks.sha256(big)));
            figure("staging disk of 2 MiB, upload of " + big.length / MIB + " MiB → " + refused.status() + " " + problem.get("type").asText()
                    + " \"" + problem.get("detail").asText() + "\" in " + ArchiveChecks.seconds(answeredIn)
                    + "; staging folder empty after, item rows " + items + " → " + items + ", stored objects " + objects + " → " + objects);

            byte[] small = ("磁盘满之后的小文件 " + TestEnvironment.random(8) + " " + "查勘".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
            ApiClient.Reply filed = api.upload(dossier, small, "小文件.txt", Dossiers.itemMetadata("小文件", "OTHER"));
            assertEquals(201, filed.status(), filed::toString);
            assertEquals(200, api.get("/api/items/" + filed.json().get("id").asText() + "/content").status());
            assertEquals(List.of(), entries(staging), "the staged file of the filed upload is removed too");
            figure("then an upload of " + small.length / 1024 + " KiB on the same disk → 201, staging folder empty after");
        } finally {
            Process unmount = new ProcessBuilder("umount", staging.toString()).redirectErrorStream(true).start();
            unmount.getInputStream().readAllBytes();
            assertEquals(0, unmount.waitFor(), "umount " + staging);
        }
    }

    @Test
    @Order(2)
    void postgresqlStoppedAndStartedDuringUploadsAndSearchesAnswers503AndRecoversWithoutARestart() throws Exception {
        ApiClient api = clerk.api();
        String dossier = Dossiers.create(api, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        Load load = new Load(dossier);
        String warm = load.upload(api);
        assertTrue(warm != null, "an upload before the fault: " + load.outcomes);
        Await.within(() -> state(warm), "DONE"::equals, SETTLED_WITHIN, "the first item extracted");
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < LOAD_THREADS; i++) {
            Thread thread = new Thread(load, "db-fault-load-" + i);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(4_000);
        Instant stopping = Instant.now();
        postgres.stop();
        Instant down = Instant.now();
        Thread.sleep(DOWN_FOR.toMillis());
        postgres.resume();
        Instant back = Instant.now();
        figure("PostgreSQL stopped (fast shutdown, " + ArchiveChecks.seconds(Duration.between(stopping, down)) + ") under "
                + LOAD_THREADS + " clients uploading and searching, down " + ArchiveChecks.seconds(Duration.between(down, back))
                + ", started again; the archive server left running");
        // Recovered: every client has since had uploads and searches succeed, each a few times.
        Await.within(() -> load.successesSince(back), done -> done >= 3L * LOAD_THREADS, RECOVERY_WITHIN.plusSeconds(30),
                "uploads and searches succeeding again after the database came back");
        Thread.sleep(2_000);
        load.stop.set(true);
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(2));
            assertFalse(thread.isAlive(), thread.getName());
        }

        List<Outcome> outcomes = load.snapshot();
        Map<String, Long> byStatus = outcomes.stream().collect(Collectors.groupingBy(o -> o.operation() + " " + o.status(), TreeMap::new,
                Collectors.counting()));
        List<Outcome> failures = outcomes.stream().filter(o -> !o.succeeded()).toList();
        List<Outcome> unexpected = failures.stream().filter(o -> o.status() != 503).toList();
        assertEquals(List.of(), unexpected, "every failure is a 503; all answers: " + byStatus);
        assertFalse(failures.isEmpty(), "requests met the outage: " + byStatus);
        for (Outcome failure : failures) {
            assertTrue(failure.contentType().startsWith("application/problem+json"), failure::toString);
            assertNoInsides(failure.body());
            JsonNode problem = failure.problem();
            assertEquals(503, problem.get("status").asInt(), failure::toString);
            assertTrue(problem.get("type").asText().endsWith("/database-unavailable"), failure::toString);
            assertTrue(problem.get("detail").asText().contains("数据库暂不可用"), failure::toString);
        }
        Instant lastFailure = failures.stream().map(Outcome::at).max(Instant::compareTo).orElseThrow();
        Duration recovered = lastFailure.isAfter(back) ? Duration.between(back, lastFailure) : Duration.ZERO;
        Instant firstUpload = load.firstSuccessSince("upload", back);
        Instant firstSearch = load.firstSuccessSince("search", back);
        figure(outcomes.size() + " requests, " + failures.size() + " failed, all 503 application/problem+json database-unavailable: "
                + byStatus + "; last failure " + (lastFailure.isAfter(back) ? ArchiveChecks.seconds(recovered) + " after" : "before")
                + " PostgreSQL was back; first upload after it " + ArchiveChecks.seconds(Duration.between(back, firstUpload))
                + ", first search " + ArchiveChecks.seconds(Duration.between(back, firstSearch)) + " (bound " + RECOVERY_WITHIN.toSeconds() + " s)");
        assertTrue(recovered.compareTo(RECOVERY_WITHIN) <= 0, "failures went on " + recovered + " after the database was back");
        assertTrue(Duration.between(back, firstUpload).compareTo(RECOVERY_WITHIN) <= 0, "first upload after " + firstUpload);
        assertTrue(Duration.between(back, firstSearch).compareTo(RECOVERY_WITHIN) <= 0, "first search after " + firstSearch);

        // Nothing half filed: what was answered 201 is filed once, what was answered 503 not at all.
        List<String> filedOnce = new ArrayList<>();
        List<String> refusedYetFiled = new ArrayList<>();
        for (Outcome upload : outcomes.stream().filter(o -> o.operation().equals("upload")).toList()) {
            long rows = count("select count(*) from item where sha256 = ?", upload.sha256());
            if (upload.succeeded() && rows != 1) {
                filedOnce.add(upload + " has " + rows + " rows");
            } else if (!upload.succeeded() && rows != 0) {
                refusedYetFiled.add(upload.toString());
            }
        }
        assertEquals(List.of(), filedOnce, "each upload answered 201 is one item row");
        assertEquals(List.of(), refusedYetFiled, "no upload answered 503 was filed");
        assertEquals(0, count("select count(*) from (select sha256 from item group by sha256 having count(*) > 1) twice"),
                "no content filed twice");
        Set<String> keys = ArchiveChecks.bucketKeys("http://127.0.0.1:" + s3Port, accessKey, secretKey, BUCKET);
        assertEquals(List.of(), ArchiveChecks.rowsWithoutObject(dbUrl, keys), "every item row and registered object is in the bucket");

        Instant settling = Instant.now();
        Map<String, Long> states = Await.within(() -> ArchiveChecks.extractionStates(dbUrl), ArchiveChecks::settled, SETTLED_WITHIN,
                "every item extracted or given up");
        assertTrue(Set.of("DONE", "FAILED", "UNSUPPORTED").containsAll(states.keySet()), states::toString);
        JsonNode verified = auditor.get("/api/audit/verify").json();
        assertTrue(verified.get("verified").asBoolean(), verified::toString);
        long registered = count("select count(*) from stored_object");
        figure("after the outage: " + count("select count(*) from item") + " item rows, " + registered
                + " registered objects, " + ArchiveChecks.contentObjects(keys) + " content objects in the bucket ("
                + (ArchiveChecks.contentObjects(keys) - registered) + " stored by uploads the outage refused, left for the custody sweep's"
                + " orphan collection), rows without an object 0,"
                + " contents filed twice 0, uploads answered 503 yet filed 0; extraction settled " + ArchiveChecks.seconds(settling)
                + " later: " + states + "; audit chain verified (" + verified.get("events").asLong() + " events)");
    }

    /** One answer the load got: which operation, when it arrived, its status and body (-1 and the error without an answer). */
    private record Outcome(String operation, Instant at, int status, String contentType, String body, String sha256) {

        boolean succeeded() {
            return status == 200 || status == 201;
        }

        JsonNode problem() {
            try {
                return ApiClient.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return operation + " → " + status + " " + contentType + " " + (succeeded() ? "" : body) + " at " + at;
        }
    }

    /** Clients that upload a small unique file and search, again and again, recording every answer. */
    private static final class Load implements Runnable {

        final AtomicBoolean stop = new AtomicBoolean();
        final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        private final String dossier;

        Load(String dossier) {
            this.dossier = dossier;
        }

        @Override
        public void run() {
            ApiClient api = clerk.api();
            while (!stop.get()) {
                try {
                    upload(api);
                    record("search", api.get(ApiClient.query("/api/search", Map.of("q", "查勘记录", "size", "5"))), null);
                } catch (RuntimeException e) {
                    // No answer at all (a reset connection): recorded, and the test fails on it.
                    outcomes.add(new Outcome("request", Instant.now(), -1, "", e.toString(), null));
                }
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** The item's id when filed. */
        String upload(ApiClient api) {
            byte[] bytes = ("数据库重启时上传的查勘记录 " + TestEnvironment.random(8)).getBytes(StandardCharsets.UTF_8);
            ApiClient.Reply reply = api.upload(dossier, bytes, "查勘记录.txt", Dossiers.itemMetadata("查勘记录", "SURVEY_REPORT"));
            record("upload", reply, ArchiveChecks.sha256(bytes));
            return reply.status() == 201 ? reply.json().get("id").asText() : null;
        }

        private void record(String operation, ApiClient.Reply reply, String sha256) {
            outcomes.add(new Outcome(operation, Instant.now(), reply.status(), String.valueOf(reply.contentType()),
                    reply.status() >= 400 ? reply.text() : "", sha256));
        }

        long successesSince(Instant since) {
            List<Outcome> after = snapshot().stream().filter(o -> o.at().isAfter(since) && o.succeeded()).toList();
            long uploads = after.stream().filter(o -> o.operation().equals("upload")).count();
            long searches = after.stream().filter(o -> o.operation().equals("search")).count();
            return Math.min(uploads, searches);
        }

        Instant firstSuccessSince(String operation, Instant since) {
            return snapshot().stream().filter(o -> o.operation().equals(operation) && o.succeeded() && o.at().isAfter(since))
                    .map(Outcome::at).min(Instant::compareTo).orElseThrow();
        }

        List<Outcome> snapshot() {
            synchronized (outcomes) {
                return List.copyOf(outcomes);
            }
        }
    }

    /** A problem document, of the given type when one is named, with no trace of the server's insides. */
    private static JsonNode assertProblem(ApiClient.Reply reply, String type) {
        assertEquals(503, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertNoInsides(reply.text());
        JsonNode problem = reply.json();
        assertEquals(503, problem.get("status").asInt(), reply::toString);
        assertTrue(problem.get("type").asText().endsWith("/" + type), reply::toString);
        return problem;
    }

    private static void assertNoInsides(String body) {
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("SQL") || body.contains("jdbc"), body);
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static String state(String item) {
        return (String) Database.queryOn(dbUrl, "select extraction_state from item where id = ?::uuid", item).get(0).get("extraction_state");
    }

    private static long count(String query, Object... parameters) {
        return ((Number) Database.queryOn(dbUrl, query, parameters).get(0).values().iterator().next()).longValue();
    }

    private static void figure(String line) {
        FIGURES.add(line);
        System.out.println("DatabaseAndDiskFaultIT " + line);
    }
}

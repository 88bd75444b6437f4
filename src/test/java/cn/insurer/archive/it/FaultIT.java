package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults an operator meets, each on a server of this class's own (its own database, s3proxy, WildFly
 * and ports, started once for the class) so that stopping the store or killing the server leaves the
 * other integration tests alone: the object store down for a minute, the server killed with SIGKILL
 * in the middle of an upload, an extractor child killed in the middle of a document. After each, what
 * the archive promises still holds: no item row without its object, nothing stuck in the extraction
 * queue, the audit chain whole. Figures go to the test output as {@code FaultIT ...} lines and to
 * {@code target/faults.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {

    private static final String BUCKET = "archive-fault";
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    /** How soon the store's return is seen by readiness and by the extraction queue. */
    private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(30);
    /** How soon after a restart every item is extracted or given up, leases of the dead server included. */
    private static final Duration SETTLED_WITHIN = Duration.ofSeconds(90);
    private static final Duration EXTRACTED_WITHIN = Duration.ofMinutes(2);
    private static final long MIB = 1024 * 1024;
    private static final String EXTRACTOR_MAIN = "cn.insurer.archive.extraction.ExtractorMain";
    private static final List<String> FIGURES = new ArrayList<>();

    private static Path work;
    private static String database;
    private static String dbUrl;
    private static int s3Port;
    private static String accessKey;
    private static String secretKey;
    private static Process s3proxy;
    private static StandaloneServer server;
    private static Users.Account clerk;
    private static ApiClient auditor;
    private static ApiClient anonymous;

    @BeforeAll
    static void startOwnArchive() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("archive.it.dir", "target/it"))), "fault-")
                .toAbsolutePath();
        // The roles are shared with the other tests' server, so their passwords stay as they are.
        String dbPassword = System.getProperty("it.db.app.password");
        String ownerPassword = System.getProperty("it.db.owner.password");
        database = TestEnvironment.createDatabase(dbPassword, ownerPassword);
        dbUrl = TestEnvironment.PG_URL.substring(0, TestEnvironment.PG_URL.lastIndexOf('/') + 1) + database;
        accessKey = "fault" + TestEnvironment.random(6);
        secretKey = TestEnvironment.random(24);
        s3Port = TestEnvironment.freePort();
        s3proxy = TestEnvironment.startS3Proxy(work, s3Port, accessKey, secretKey, true);
        server = new StandaloneServer(work.resolve("server"), new StandaloneServer.Storage(dbUrl, dbPassword, ownerPassword,
                "http://127.0.0.1:" + s3Port, accessKey, secretKey, BUCKET),
                // Two extractor children whatever the machine, so that one can be killed while the other is idle.
                List.of("-Darchive.extraction.workers=2"));
        Instant begin = Instant.now();
        server.start();
        figure("own server started in " + seconds(begin));
        clerk = server.account("fclerk", "CONFIDENTIAL", "CLERK");
        auditor = server.account("faudit", "SECRET", "AUDITOR").api();
        anonymous = ApiClient.as(null, null).on(server.httpPort());
    }

    @AfterEach
    void exchangesFollowTheContract() {
        ContractCheck.assertFollowed();
    }

    @AfterAll
    static void stopOwnArchive() throws Exception {
        try {
            if (server != null) {
                server.kill();
            }
            if (s3proxy != null) {
                s3proxy.destroyForcibly().waitFor();
            }
        } finally {
            if (database != null) {
                try (Connection c = DriverManager.getConnection(TestEnvironment.PG_URL, TestEnvironment.PG_ADMIN, "");
                     Statement s = c.createStatement()) {
                    s.execute("drop database if exists " + database + " with (force)");
                }
            }
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "faults.txt"), String.join("\n", FIGURES) + "\n");
        }
    }

    @Test
    @Order(1)
    void theObjectStoreDownForAMinuteAnswers503LeavesNothingHalfFiledAndExtractionCatchesUp() throws Exception {
        ApiClient api = clerk.api();
        String dossier = Dossiers.create(api, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        byte[] beforeBytes = ("存储中断之前归档的查勘记录 " + TestEnvironment.random(6)).getBytes(StandardCharsets.UTF_8);
        String before = uploaded(api.upload(dossier, beforeBytes, "中断前.txt", Dossiers.itemMetadata("中断前", "SURVEY_REPORT")));
        assertEquals("DONE", settled(before, EXTRACTED_WITHIN).get("extraction").asText());
        byte[] junk = ("%PDF-1.7\n not really a PDF " + TestEnvironment.random(6) + " \u0000\u0001").getBytes(StandardCharsets.ISO_8859_1);
        String broken = uploaded(api.upload(dossier, junk, "损坏的定损单.pdf", Dossiers.itemMetadata("损坏的定损单", "LOSS_ASSESSMENT")));
        assertEquals("FAILED", settled(broken, EXTRACTED_WITHIN).get("extraction").asText());
        long items = count("select count(*) from item");
        long objects = count("select count(*) from stored_object");
        long uploadedEvents = count("select count(*) from audit_event where action = 'ITEM_UPLOADED'");
        assertEquals("UP", component(ready().json(), "objectStore"));

        s3proxy.destroyForcibly().waitFor();
        Instant down = Instant.now();
        JsonNode readiness = await(FaultIT::ready, reply -> reply.status() == 503, RECOVERY_WITHIN, "readiness to report the store down").json();
        assertEquals("DOWN", readiness.get("status").asText());
        assertEquals("DOWN", component(readiness, "objectStore"), readiness::toString);
        assertEquals("UP", component(readiness, "database"), readiness::toString);
        figure("store stopped: /health/ready 503 with objectStore DOWN after " + seconds(down));

        byte[] during = ("存储中断期间上传的文件 " + TestEnvironment.random(6)).getBytes(StandardCharsets.UTF_8);
        ApiClient.Reply refused = api.upload(dossier, during, "中断中.txt", Dossiers.itemMetadata("中断中", "SURVEY_REPORT"));
        assertUnavailable(refused, "对象存储暂不可用");
        ApiClient.Reply refusedInEnglish = uploadInEnglish(api, dossier, during);
        assertUnavailable(refusedInEnglish, "object store is not available");
        ApiClient.Reply download = api.get("/api/items/" + before + "/content");
        assertUnavailable(download, "对象存储暂不可用");
        figure("store down: upload → " + refused.status() + " \"" + refused.json().get("detail").asText() + "\" / \""
                + refusedInEnglish.json().get("detail").asText() + "\"; download → " + download.status());

        // Back to the queue while the store is down: the worker cannot fetch the bytes and must give the item back, not fail it.
        ApiClient.Reply retried = api.post("/api/items/" + broken + "/extraction/retry", "");
        assertEquals(200, retried.status(), retried::toString);
        int attempts = 0;
        int refusals = 0;
        Set<String> statesSeen = new HashSet<>();
        while (Duration.between(down, Instant.now()).compareTo(OUTAGE) < 0) {
            ApiClient.Reply again = api.upload(dossier, during, "中断中.txt", Dossiers.itemMetadata("中断中", "SURVEY_REPORT"));
            assertUnavailable(again, "对象存储暂不可用");
            refusals++;
            assertUnavailable(api.get("/api/items/" + before + "/content"), "对象存储暂不可用");
            assertEquals(503, ready().status());
            Map<String, Object> queued = sql("select extraction_state, extraction_attempts from item where id = ?::uuid", broken).get(0);
            statesSeen.add((String) queued.get("extraction_state"));
            assertTrue(Set.of("PENDING", "RUNNING").contains(queued.get("extraction_state")), "still queued while the store is down: " + queued);
            attempts = Math.max(attempts, ((Number) queued.get("extraction_attempts")).intValue());
            assertTrue(attempts <= 1, "a store outage does not use up the item's attempts: " + queued);
            Thread.sleep(3_000);
        }
        assertEquals(items, count("select count(*) from item"), "no item row was written while the store was down");
        assertEquals(objects, count("select count(*) from stored_object"), "no object registered while the store was down");
        assertEquals(uploadedEvents, count("select count(*) from audit_event where action = 'ITEM_UPLOADED'"));
        assertEquals(0, count("select count(*) from item where sha256 = ?", sha256(during)));
        assertEquals(List.of(), staged(), "no staged upload left behind");
        figure("outage of " + seconds(down) + ": " + refusals + " more uploads all 503, item rows " + items + " → " + items
                + ", stored objects " + objects + " → " + objects + ", staged files left 0; re-queued item stayed " + statesSeen
                + " with " + attempts + " attempt(s) counted at most");

        s3proxy = TestEnvironment.startS3Proxy(work, s3Port, accessKey, secretKey, false);
        Instant up = Instant.now();
        readiness = await(FaultIT::ready, reply -> reply.status() == 200, RECOVERY_WITHIN, "readiness to report the store up").json();
        assertEquals("UP", component(readiness, "objectStore"));
        Duration readyAfter = Duration.between(up, Instant.now());
        JsonNode requeued = settled(broken, RECOVERY_WITHIN);
        assertEquals("FAILED", requeued.get("extraction").asText(), "the broken file is extracted again and fails on its own account");
        Duration requeuedAfter = Duration.between(up, Instant.now());
        ApiClient.Reply content = api.get("/api/items/" + before + "/content");
        assertEquals(200, content.status());
        assertEquals(sha256(beforeBytes), sha256(content.body()));
        Instant postedAfter = Instant.now();
        String after = uploaded(api.upload(dossier, during, "中断后.txt", Dossiers.itemMetadata("中断后", "SURVEY_REPORT")));
        assertEquals("DONE", settled(after, EXTRACTED_WITHIN).get("extraction").asText());
        figure("store restarted on the same port and folder: /health/ready UP after " + seconds(readyAfter)
                + ", the re-queued item extracted after " + seconds(requeuedAfter) + ", an upload filed and extracted in "
                + seconds(postedAfter) + ", earlier content downloads intact");
    }

    @Test
    @Order(2)
    void theServerKilledMidUploadComesBackWithNothingStuckAndNoRowWithoutItsObject() throws Exception {
        ApiClient api = clerk.api();
        String dossier = Dossiers.create(api, Dossiers.claim("企业财产险", "理赔部", "INTERNAL")).get("id").asText();
        // Work in the extraction queue at the moment of the kill: a long document and a handful of small ones.
        uploaded(api.upload(dossier, longPdf(600, "kill"), "长篇查勘报告.pdf", Dossiers.itemMetadata("长篇查勘报告", "SURVEY_REPORT")));
        for (int i = 0; i < 6; i++) {
            uploaded(api.upload(dossier, ("断电前的第" + i + "份记录 " + TestEnvironment.random(6)).getBytes(StandardCharsets.UTF_8),
                    "record-" + i + ".txt", Dossiers.itemMetadata("记录" + i, "OTHER")));
        }
        SlowUpload slow = new SlowUpload(server.httpPort(), clerk, dossier, 12 * MIB);
        Thread sender = new Thread(slow, "fault-slow-upload");
        sender.start();
        await(() -> slow.sent.get(), sent -> sent >= 3 * MIB, Duration.ofMinutes(1), "3 MiB of the slow upload sent");
        List<Path> stagedAtKill = await(FaultIT::staged, files -> !files.isEmpty(), Duration.ofSeconds(20), "the upload being staged");
        Map<String, Long> statesAtKill = states();
        server.kill();
        Instant killed = Instant.now();
        sender.join(Duration.ofSeconds(30).toMillis());
        assertFalse(sender.isAlive());
        assertNotEquals(201, slow.status.get(), "the interrupted upload was not filed");
        figure("server killed (SIGKILL) with " + slow.sent.get() / MIB + " of " + slow.total / MIB + " MiB of an upload received and "
                + stagedAtKill.size() + " staged file(s); item states at the kill: " + statesAtKill);

        server.start();
        Duration restart = Duration.between(killed, Instant.now());
        Instant restarted = Instant.now();
        await(FaultIT::states, states -> !states.containsKey("PENDING") && !states.containsKey("RUNNING"), SETTLED_WITHIN,
                "every item extracted or given up after the restart");
        Map<String, Long> settled = states();
        figure("restarted in " + seconds(restart) + "; every item settled " + seconds(restarted) + " later (bound "
                + SETTLED_WITHIN.toSeconds() + " s): " + settled);
        assertTrue(settled.keySet().stream().allMatch(Set.of("DONE", "FAILED", "UNSUPPORTED")::contains), settled::toString);

        Set<String> keys = ArchiveChecks.bucketKeys("http://127.0.0.1:" + s3Port, accessKey, secretKey, BUCKET);
        assertEquals(List.of(), ArchiveChecks.rowsWithoutObject(dbUrl, keys), "every item row and registered object is in the bucket");
        assertEquals(0, count("select count(*) from item where title = ?", SlowUpload.TITLE));
        assertEquals(List.of(), staged(), "the interrupted upload's staged file is gone after the restart");
        JsonNode verified = auditor.get("/api/audit/verify").json();
        assertTrue(verified.get("verified").asBoolean(), verified::toString);
        figure("after the restart: " + count("select count(*) from item") + " item rows, " + count("select count(*) from stored_object")
                + " registered objects, " + ArchiveChecks.contentObjects(keys)
                + " content objects in the bucket, rows without an object 0, staged files left 0; audit chain verified ("
                + verified.get("events").asLong() + " events)");
    }

    @Test
    @Order(3)
    void anExtractorChildKilledMidDocumentOrWhileStartingLeavesTheItemFailedOrDoneNeverStuck() throws Exception {
        ApiClient api = clerk.api();
        String dossier = Dossiers.create(api, Dossiers.claim("家财险", "理赔部", "INTERNAL")).get("id").asText();
        await(FaultIT::states, states -> !states.containsKey("PENDING") && !states.containsKey("RUNNING"), SETTLED_WITHIN,
                "an empty extraction queue");

        // Mid-document: the child that has the document open is killed while it parses.
        JsonNode outcome = null;
        boolean midDocument = false;
        String item = null;
        for (int attempt = 1; attempt <= 3 && !midDocument; attempt++) {
            item = uploaded(api.upload(dossier, longPdf(600, "child" + attempt), "长篇报告" + attempt + ".pdf",
                    Dossiers.itemMetadata("长篇报告" + attempt, "SURVEY_REPORT")));
            String id = item;
            Optional<ProcessHandle> reader = await(() -> childReading(id),
                    child -> child.isPresent() || !Set.of("PENDING", "RUNNING").contains(state(id)), EXTRACTED_WITHIN,
                    "a child reading the document");
            Instant killed = Instant.now();
            reader.ifPresent(FaultIT::kill);
            outcome = settled(item, EXTRACTED_WITHIN);
            String state = outcome.get("extraction").asText();
            midDocument = reader.isPresent();
            figure("extractor child " + reader.map(child -> Long.toString(child.pid())).orElse("(none: the document was done first)")
                    + " killed while parsing (attempt " + attempt + "): item " + state + " (" + outcome.path("extractionReason").asText("")
                    + ") " + seconds(killed) + " after the kill");
            assertTrue(Set.of("DONE", "FAILED").contains(state), outcome::toString);
        }
        assertTrue(midDocument, "a child was killed with the document open: " + outcome);
        assertEquals("FAILED", outcome.get("extraction").asText(), outcome::toString);
        assertTrue(outcome.get("extractionReason").asText().contains("crashed"), outcome::toString);
        Instant retried = Instant.now();
        ApiClient.Reply retry = api.post("/api/items/" + item + "/extraction/retry", "");
        assertEquals(200, retry.status(), retry::toString);
        assertEquals("DONE", settled(item, EXTRACTED_WITHIN).get("extraction").asText());
        figure("the item failed by the kill retried by the clerk: DONE in " + seconds(retried));

        // While starting: with no child alive, the next document waits for a new one, which is killed as it loads.
        server.descendants().stream().filter(FaultIT::isExtractor).forEach(FaultIT::kill);
        String starting = uploaded(api.upload(dossier, longPdf(50, "starting"), "启动中.pdf", Dossiers.itemMetadata("启动中", "SURVEY_REPORT")));
        List<ProcessHandle> children = await(() -> server.descendants().stream().filter(FaultIT::isExtractor).toList(),
                started -> !started.isEmpty() || !Set.of("PENDING", "RUNNING").contains(state(starting)), EXTRACTED_WITHIN,
                "a new child for the document");
        boolean loading = !children.isEmpty() && childReading(starting).isEmpty() && state(starting).equals("RUNNING");
        Instant killed = Instant.now();
        children.forEach(FaultIT::kill);
        JsonNode startingOutcome = settled(starting, EXTRACTED_WITHIN);
        figure("extractor child(ren) " + children.stream().map(ProcessHandle::pid).toList() + " killed "
                + (loading ? "while loading, before the document reached them" : "after the document reached them") + ": item "
                + startingOutcome.get("extraction").asText() + " " + seconds(killed) + " after the kill");
        if (loading) {
            assertEquals("DONE", startingOutcome.get("extraction").asText(),
                    "a document no child had yet is not failed by the child's death: " + startingOutcome);
        } else {
            assertTrue(Set.of("DONE", "FAILED").contains(startingOutcome.get("extraction").asText()), startingOutcome::toString);
        }
        Instant posted = Instant.now();
        String next = uploaded(api.upload(dossier, ("子进程被杀之后的记录 " + TestEnvironment.random(6)).getBytes(StandardCharsets.UTF_8),
                "after.txt", Dossiers.itemMetadata("之后", "OTHER")));
        assertEquals("DONE", settled(next, EXTRACTED_WITHIN).get("extraction").asText());
        figure("a new child took the next document: extracted in " + seconds(posted));
    }

    /** The extractor child that has the item's bytes open, that is, is parsing it now (Linux's /proc). */
    private static Optional<ProcessHandle> childReading(String item) {
        for (ProcessHandle child : server.descendants()) {
            if (!isExtractor(child)) {
                continue;
            }
            try (Stream<Path> open = Files.list(Path.of("/proc", Long.toString(child.pid()), "fd"))) {
                if (open.anyMatch(descriptor -> target(descriptor).endsWith("in-" + item))) {
                    return Optional.of(child);
                }
            } catch (IOException | UncheckedIOException gone) {
                // the child ended meanwhile
            }
        }
        return Optional.empty();
    }

    private static String target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException closed) {
            return "";
        }
    }

    private static void kill(ProcessHandle process) {
        process.destroyForcibly();
        process.onExit().join();
    }

    // --- the server and its store

    private static ApiClient.Reply ready() {
        return anonymous.get("/health/ready");
    }

    private static String component(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (name.equals(check.get("name").asText())) {
                return check.get("status").asText();
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    private static ApiClient.Reply uploadInEnglish(ApiClient api, String dossier, byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fault", ".txt");
        try {
            Files.write(file, bytes);
            ApiClient.Multipart multipart = new ApiClient.Multipart();
            multipart.text("metadata", Dossiers.itemMetadata("during", "SURVEY_REPORT").toString());
            multipart.file("file", "during.txt", file);
            return api.send(api.builder("/api/dossiers/" + dossier + "/items").header("Accept-Language", "en")
                    .header("Content-Type", multipart.contentType()).POST(multipart.publisher()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void assertUnavailable(ApiClient.Reply reply, String words) {
        assertEquals(503, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        JsonNode problem = reply.json();
        assertEquals(503, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().contains(words), problem::toString);
    }

    private static String uploaded(ApiClient.Reply reply) {
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().get("id").asText();
    }

    private static JsonNode settled(String item, Duration patience) {
        return await(() -> clerk.api().get("/api/items/" + item).json(),
                view -> !Set.of("PENDING", "RUNNING").contains(view.get("extraction").asText()), patience, "item " + item + " settled");
    }

    private static String state(String item) {
        return (String) sql("select extraction_state from item where id = ?::uuid", item).get(0).get("extraction_state");
    }

    private static Map<String, Long> states() {
        return ArchiveChecks.extractionStates(dbUrl);
    }

    /** Uploads being staged or left behind in the server's staging folder. */
    private static List<Path> staged() {
        return ArchiveChecks.staged(work.resolve("server").resolve("data").resolve("tmp"));
    }

    private static boolean isExtractor(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains(EXTRACTOR_MAIN)).orElse(false);
    }

    private static List<Map<String, Object>> sql(String query, Object... parameters) {
        return Database.queryOn(dbUrl, query, parameters);
    }

    private static long count(String query, Object... parameters) {
        return ((Number) sql(query, parameters).get(0).values().iterator().next()).longValue();
    }

    // --- documents and timing

    /** A text PDF that takes its extractor child several seconds, so that it can be interrupted. */
    private static byte[] longPdf(int pages, String marker) {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 9);
                    content.setLeading(10);
                    content.newLineAtOffset(30, 760);
                    for (int line = 0; line < 70; line++) {
                        content.showText("Survey " + marker + " page " + p + " line " + line
                                + " vehicle damage assessment repair invoice payment voucher");
                        content.newLine();
                    }
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(Supplier<T> probe, Predicate<T> done, Duration patience, String what) {
        return Await.within(probe, done, patience, what);
    }

    private static String sha256(byte[] bytes) {
        return ArchiveChecks.sha256(bytes);
    }

    private static String seconds(Instant since) {
        return ArchiveChecks.seconds(since);
    }

    private static String seconds(Duration duration) {
        return ArchiveChecks.seconds(duration);
    }

    private static void figure(String line) {
        FIGURES.add(line);
        System.out.println("FaultIT " + line);
    }

    /**
     * An upload sent over a plain socket at a walking pace (64 KiB every 40 ms), so that the server
     * can be killed while it is receiving and staging the body.
     */
    private static final class SlowUpload implements Runnable {

        static final String TITLE = "被中断的大文件";
        private static final int CHUNK = 64 * 1024;

        final long total;
        final AtomicLong sent = new AtomicLong();
        final AtomicReference<Integer> status = new AtomicReference<>();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        private final int port;
        private final Users.Account account;
        private final String dossier;

        SlowUpload(int port, Users.Account account, String dossier, long total) {
            this.port = port;
            this.account = account;
            this.dossier = dossier;
            this.total = total;
        }

        @Override
        public void run() {
            String boundary = "----fault" + TestEnvironment.random(8);
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                    + "Content-Type: application/json; charset=UTF-8\r\n\r\n"
                    + Dossiers.itemMetadata(TITLE, "OTHER") + "\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"interrupted.bin\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            String authorization = Base64.getEncoder().encodeToString(
                    (account.username() + ":" + account.password()).getBytes(StandardCharsets.UTF_8));
            byte[] request = ("POST /api/dossiers/" + dossier + "/items HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAuthorization: Basic " + authorization + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                    + "\r\nContent-Length: " + (head.length + total + tail.length) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            SecureRandom random = new SecureRandom();
            byte[] chunk = new byte[CHUNK];
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.write(head);
                for (long left = total; left > 0; left -= CHUNK) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, (int) Math.min(CHUNK, left));
                    out.flush();
                    sent.addAndGet(Math.min(CHUNK, left));
                    Thread.sleep(40);
                }
                out.write(tail);
                out.flush();
                InputStream in = socket.getInputStream();
                String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                status.set(Integer.parseInt(statusLine.substring(9, 12)));
            } catch (Exception e) {
                failure.set(e);
            }
        }
    }
}

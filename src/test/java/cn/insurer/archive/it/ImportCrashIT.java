package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Kills WildFly with SIGKILL in the middle of a 5,000-file import, starts it again, and checks that
 * the import resumed by itself and filed every row exactly once: in the database, in the bucket
 * and in the search index. The server here is its own (a copy of the provisioned configuration,
 * its own database, s3proxy and ports), so killing it leaves the other integration tests alone.
 */
class ImportCrashIT {

    private static final int FILES_PER_DOSSIER = 50;
    /** 5,000 files by default; {@code -Dit.crash.files=N} for a quicker look on a busy machine. */
    private static final int DOSSIERS = Integer.getInteger("it.crash.files", 5000) / FILES_PER_DOSSIER;
    private static final int FILES = DOSSIERS * FILES_PER_DOSSIER;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<String> timings = new ArrayList<>();

    @Test
    void anImportKilledMidwayResumesAfterARestartAndFilesEveryRowExactlyOnce() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("archive.it.dir", "target/it"))), "crash-");
        // The roles are shared with the other tests' server, so their passwords stay as they are.
        String dbPassword = System.getProperty("it.db.app.password");
        String ownerPassword = System.getProperty("it.db.owner.password");
        String database = TestEnvironment.createDatabase(dbPassword, ownerPassword);
        String dbUrl = TestEnvironment.PG_URL.substring(0, TestEnvironment.PG_URL.lastIndexOf('/') + 1) + database;
        String accessKey = "it" + TestEnvironment.random(8);
        int s3Port = TestEnvironment.freePort();
        Process s3proxy = TestEnvironment.startS3Proxy(work, s3Port, accessKey, TestEnvironment.random(24));
        String secretKey = Files.readAllLines(work.resolve("s3proxy.properties")).stream()
                .filter(line -> line.startsWith("s3proxy.credential=")).findFirst().orElseThrow().substring(19);
        Server server = new Server(work, dbUrl, dbPassword, ownerPassword, s3Port, accessKey, secretKey);
        try {
            Instant begin = Instant.now();
            server.start();
            mark("server up", begin);
            String clerk = server.createClerk();
            String marker = "crash" + TestEnvironment.random(4);
            // Only the files' text holds this word, all letters so the analyzers keep it whole (the claim
            // numbers hold the marker), so each hit is one item.
            String word = "rt" + TestEnvironment.random(5).chars().mapToObj(c -> String.valueOf((char) ('g' + Character.digit(c, 16))))
                    .collect(java.util.stream.Collectors.joining());
            Instant posted = Instant.now();
            String id = server.post(clerk, "/api/imports", "application/zip", packageOf(marker, word)).get("id").asText();

            JsonNode before = server.await(clerk, "/api/imports/" + id, view -> view.get("done").asInt() >= FILES / 10,
                    Duration.ofMinutes(10));
            server.kill();
            int doneBeforeKill = before.get("done").asInt();
            mark("killed after " + doneBeforeKill + " rows (" + before.get("rate").asDouble() + " rows/s)", posted);
            assertTrue(doneBeforeKill < FILES, "the import must still be running when the server is killed: " + before);

            Instant restarted = Instant.now();
            server.start();
            mark("server up again", restarted);
            JsonNode after = server.await(clerk, "/api/imports/" + id, view -> "COMPLETED".equals(view.get("status").asText()),
                    Duration.ofMinutes(20));
            mark("import completed (" + after.get("rate").asDouble() + " rows/s overall)", posted);
            assertEquals(FILES, after.get("total").asInt(), after::toString);
            assertEquals(FILES, after.get("done").asInt());
            assertEquals(FILES, after.get("imported").asInt());
            assertEquals(0, after.get("skipped").asInt());
            assertEquals(0, after.get("failed").asInt());
            assertEquals(0, after.get("errorCount").asInt());

            try (Connection db = DriverManager.getConnection(dbUrl, TestEnvironment.PG_ADMIN, "")) {
                String mine = "from item i join dossier d on d.id = i.dossier_id where d.business_key like '" + marker.toUpperCase() + "%'";
                assertEquals(DOSSIERS, count(db, "select count(*) from dossier where business_key like '" + marker.toUpperCase() + "%'"));
                assertEquals(FILES, count(db, "select count(*) " + mine));
                assertEquals(FILES, count(db, "select count(distinct i.sha256) " + mine));
                assertEquals(FILES, count(db, "select count(*) from import_row where import_id = '" + id + "' and outcome = 'IMPORTED'"));
                assertEquals(FILES, count(db, "select count(*) from imported_file where import_id = '" + id + "'"));
                assertEquals(FILES, count(db, "select count(*) from audit_event where action = 'ITEM_UPLOADED' and actor = '" + clerk + "'"));
                assertEquals(DOSSIERS, count(db, "select count(*) from audit_event where action = 'DOSSIER_CREATED' and actor = '" + clerk + "'"));
                assertEquals(FILES, count(db, "select count(*) from stored_object"));
            }
            try (Stream<Path> objects = Files.walk(work.resolve("s3").resolve("archive-crash").resolve("sha256"))) {
                assertEquals(FILES, objects.filter(Files::isRegularFile).count(), "objects in the bucket");
            }
            JsonNode searched = server.await(clerk, "/api/search?size=1&q=" + URLEncoder.encode(word, StandardCharsets.UTF_8),
                    result -> result.get("total").asInt() >= FILES, Duration.ofMinutes(20));
            mark("all indexed", posted);
            assertEquals(FILES, searched.get("total").asInt(), searched::toString);
            Files.writeString(Path.of("target", "import-crash.txt"), String.join("\n", timings) + "\n");
        } finally {
            server.kill();
            s3proxy.destroy();
            try (Connection c = DriverManager.getConnection(TestEnvironment.PG_URL, TestEnvironment.PG_ADMIN, "");
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private void mark(String what, Instant since) {
        String line = what + ": " + Duration.between(since, Instant.now()).toMillis() / 1000.0 + " s";
        timings.add(line);
        System.out.println("ImportCrashIT " + line);
    }

    private static byte[] packageOf(String marker, String word) {
        List<String> manifest = new ArrayList<>();
        manifest.add(ImportPackageBuilder.CHINESE_HEADINGS);
        ImportPackageBuilder zip = new ImportPackageBuilder();
        for (int d = 0; d < DOSSIERS; d++) {
            String claim = marker.toUpperCase() + String.format("%03d", d);
            for (int f = 0; f < FILES_PER_DOSSIER; f++) {
                String path = claim + "/" + f + ".txt";
                manifest.add(ImportPackageBuilder.claimRow(claim, "扫描件 第" + f + "件", "OTHER", path));
                zip.text(path, "恢复测试 " + word + " 赔案 " + claim + " 第 " + f + " 件");
            }
        }
        return zip.csv(manifest).zip();
    }

    private static int count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    /** A WildFly of its own on this test's database and bucket, with a bulk clerk's view of the API. */
    private static final class Server {

        private final StandaloneServer server;
        private final String adminPassword = TestEnvironment.random(16);

        Server(Path work, String dbUrl, String dbPassword, String ownerPassword, int s3Port, String accessKey, String secretKey)
                throws IOException {
            server = new StandaloneServer(work, List.of(
                    "-Darchive.db.url=" + dbUrl, "-Darchive.db.user=archive_it", "-Darchive.db.password=" + dbPassword,
                    "-Darchive.db.migration.user=archive_it_owner", "-Darchive.db.migration.password=" + ownerPassword,
                    "-Darchive.s3.endpoint=http://127.0.0.1:" + s3Port, "-Darchive.s3.access.key=" + accessKey,
                    "-Darchive.s3.secret.key=" + secretKey, "-Darchive.s3.bucket=archive-crash",
                    "-Darchive.data.dir=" + work.resolve("data"), "-Darchive.admin.password=" + adminPassword,
                    "-Darchive.ocr.enabled=false", "-Darchive.audit.checkpoint.seconds=86400"), "1g");
        }

        void start() throws IOException, InterruptedException {
            server.start();
        }

        /** SIGKILL to the server JVM and everything it started, as a power cut would. */
        void kill() throws InterruptedException {
            server.kill();
        }

        /** Each clerk's password, derived from the name without containing it, as the password policy asks. */
        private static String password(String username) {
            return "Pw-" + String.format("%08x", username.hashCode()) + "-bulk-clerk";
        }

        String createClerk() throws IOException, InterruptedException {
            String username = Users.unique("bulk");
            String body = JSON.writeValueAsString(Map.of("username", username, "password", password(username),
                    "displayName", "批量导入", "clearance", "CONFIDENTIAL", "department", "理赔部", "roles", List.of("CLERK")));
            HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/api/users")).header("Authorization", basic("admin", adminPassword))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(201, reply.statusCode(), reply::body);
            return username;
        }

        JsonNode post(String user, String path, String contentType, byte[] body) throws IOException, InterruptedException {
            HttpResponse<String> reply = send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password(user)))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            assertEquals(202, reply.statusCode(), reply::body);
            return JSON.readTree(reply.body());
        }

        JsonNode await(String user, String path, Predicate<JsonNode> done, Duration patience) throws Exception {
            Instant deadline = Instant.now().plus(patience);
            JsonNode last = null;
            while (Instant.now().isBefore(deadline)) {
                HttpResponse<String> reply = send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password(user))).GET());
                if (reply.statusCode() == 200) {
                    last = JSON.readTree(reply.body());
                    if (done.test(last)) {
                        return last;
                    }
                }
                Thread.sleep(250);
            }
            throw new AssertionError("not reached within " + patience + "; last answer: " + last);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return HTTP.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return server.uri(path);
        }

        private static String basic(String user, String password) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
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
import java.util.List;
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
        StandaloneServer server = new StandaloneServer(work, new StandaloneServer.Storage(dbUrl, dbPassword, ownerPassword,
                "http://127.0.0.1:" + s3Port, accessKey, secretKey, "archive-crash"));
        try {
            Instant begin = Instant.now();
            server.start();
            mark("server up", begin);
            String clerk = Users.unique("bulk");
            server.createUser(clerk, password(clerk), "CONFIDENTIAL", "理赔部", "CLERK");
            String marker = "crash" + TestEnvironment.random(4);
            // Only the files' text holds this word, all letters so the analyzers keep it whole (the claim
            // numbers hold the marker), so each hit is one item.
            String word = "rt" + TestEnvironment.random(5).chars().mapToObj(c -> String.valueOf((char) ('g' + Character.digit(c, 16))))
                    .collect(java.util.stream.Collectors.joining());
            Instant posted = Instant.now();
            String id = server.post(clerk, password(clerk), "/api/imports", "application/zip", packageOf(marker, word), 202).get("id").asText();

            JsonNode before = server.await(clerk, password(clerk), "/api/imports/" + id, view -> view.get("done").asInt() >= FILES / 10,
                    Duration.ofMinutes(10));
            server.kill();
            int doneBeforeKill = before.get("done").asInt();
            mark("killed after " + doneBeforeKill + " rows (" + before.get("rate").asDouble() + " rows/s)", posted);
            assertTrue(doneBeforeKill < FILES, "the import must still be running when the server is killed: " + before);

            Instant restarted = Instant.now();
            server.start();
            mark("server up again", restarted);
            JsonNode after = server.await(clerk, password(clerk), "/api/imports/" + id, view -> "COMPLETED".equals(view.get("status").asText()),
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
            JsonNode searched = server.await(clerk, password(clerk), "/api/search?size=1&q=" + URLEncoder.encode(word, StandardCharsets.UTF_8),
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

    /** Each clerk's password, derived from the name without containing it, as the password policy asks. */
    private static String password(String username) {
        return "Pw-" + String.format("%08x", username.hashCode()) + "-bulk-clerk";
    }
}

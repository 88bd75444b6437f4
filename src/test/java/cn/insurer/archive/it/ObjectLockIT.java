package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minio.GetObjectRetentionArgs;
import io.minio.IsObjectLegalHoldEnabledArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * What the archive asks an object-lock store to keep, read back from S3Mock (which stores retention
 * and legal holds, where s3proxy ignores them): sealed content retained until the dossier's computed
 * disposition date, and an S3 legal hold on it exactly while the archive's legal hold lasts.
 */
class ObjectLockIT {

    private static final String BUCKET = "archive-lock";
    private static final List<String> MOTOR_CLAIM = List.of("FIRST_NOTICE_OF_LOSS", "SURVEY_REPORT", "LOSS_ASSESSMENT",
            "REPAIR_INVOICE", "PAYMENT_VOUCHER");

    @Test
    void sealedContentIsLockedUntilItsDispositionDateAndHeldWhileTheArchiveHoldsIt() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("archive.it.dir", "target/it"))), "lock-");
        String dbPassword = System.getProperty("it.db.app.password");
        String ownerPassword = System.getProperty("it.db.owner.password");
        String database = TestEnvironment.createDatabase(dbPassword, ownerPassword);
        String dbUrl = TestEnvironment.PG_URL.substring(0, TestEnvironment.PG_URL.lastIndexOf('/') + 1) + database;
        int s3Port = TestEnvironment.freePort();
        Process s3mock = startS3Mock(work, s3Port);
        StandaloneServer server = new StandaloneServer(work, new StandaloneServer.Storage(dbUrl, dbPassword, ownerPassword,
                "http://127.0.0.1:" + s3Port, "lock", "lock-secret", BUCKET));
        try {
            MinioClient store = MinioClient.builder().endpoint("http://127.0.0.1:" + s3Port).credentials("lock", "lock-secret").build();
            // Production buckets are made with object lock by the platform (deploy/minio); so is this one.
            store.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).objectLock(true).build());
            server.start();
            ApiClient clerk = user(server, "clerk", "CONFIDENTIAL", "CLERK");
            ApiClient manager = user(server, "manager", "SECRET", "ARCHIVE_MANAGER");

            // A one-year policy, terminated and its claim closed: every rule covering the claim has
            // its trigger, so the disposition date is known (a pending one falls back to the period from sealing).
            String id = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL").put("lossDate", "2024-03-02")
                    .put("policyStart", "2023-06-01").put("policyEnd", "2024-05-31")).get("id").asText();
            for (String type : MOTOR_CLAIM) {
                assertEquals(201, clerk.upload(id, (type + " " + id).getBytes(StandardCharsets.UTF_8), type + ".txt",
                        Dossiers.itemMetadata(type, type)).status());
            }
            assertEquals(201, clerk.post("/api/dossiers/" + id + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2024-04-01")).status());
            assertEquals(201, clerk.post("/api/dossiers/" + id + "/events", Map.of("event", "POLICY_TERMINATED", "date", "2024-05-31")).status());
            assertEquals(200, clerk.post("/api/dossiers/" + id + "/seal", "").status());

            List<String> objects = new ArrayList<>();
            LocalDate disposition;
            try (Connection db = DriverManager.getConnection(dbUrl, TestEnvironment.PG_ADMIN, "");
                 Statement statement = db.createStatement()) {
                try (ResultSet rows = statement.executeQuery("select sha256 from item where dossier_id = '" + id + "'")) {
                    while (rows.next()) {
                        String hash = rows.getString(1).trim();
                        objects.add("sha256/" + hash.substring(0, 2) + "/" + hash);
                    }
                }
                try (ResultSet row = statement.executeQuery("select disposition_date from dossier_retention where dossier_id = '" + id + "'")) {
                    assertTrue(row.next());
                    assertTrue(row.getDate(1) != null, "the sealed claim has a disposition date");
                    disposition = row.getDate(1).toLocalDate();
                }
            }
            assertEquals(5, objects.size());
            String key = objects.get(0);
            assertTrue(store.statObject(io.minio.StatObjectArgs.builder().bucket(BUCKET).object(key).build()) != null);
            // The archive locks the objects one by one in its own order: wait for every one of them.
            await(() -> objects.stream().allMatch(object -> retention(store, object) != null), "retention on every sealed object");
            for (String object : objects) {
                Retention retention = retention(store, object);
                assertEquals(RetentionMode.GOVERNANCE, retention.mode(), object);
                assertEquals(disposition, retention.retainUntilDate().withZoneSameInstant(ZoneOffset.UTC).toLocalDate(),
                        object + " is kept until the dossier's disposition date");
                assertFalse(legalHold(store, object), object);
            }
            // The payment voucher is an accounting record: 30 years from the end of its fiscal year (会计档案管理办法),
            // longer than the claim's five years from the policy's end, and the longest rule wins.
            assertEquals(LocalDate.now(ZoneOffset.UTC).getYear() + 31, disposition.getYear(), "kept as long as the voucher");
            assertNotEquals(LocalDate.now(ZoneOffset.UTC).plusYears(10), disposition, "not a fixed ten years from sealing");
            System.out.println("ObjectLockIT sealed objects retained (GOVERNANCE) until " + disposition + ", the computed disposition date");

            ObjectNode hold = ApiClient.object().put("caseReference", "（2026）沪0101民初" + TestEnvironment.random(2) + "号")
                    .put("reason", "诉讼保全");
            hold.putArray("dossierIds").add(id);
            ApiClient.Reply placed = manager.post("/api/holds", hold);
            assertEquals(201, placed.status(), placed::toString);
            await(() -> objects.stream().allMatch(object -> legalHold(store, object)), "S3 legal holds with the archive's hold");
            System.out.println("ObjectLockIT legal hold placed: S3 legal hold ON for all " + objects.size() + " objects");

            ApiClient.Reply released = manager.post("/api/holds/" + placed.json().get("id").asText() + "/release",
                    Map.of("comment", "案件已结"));
            assertEquals(200, released.status(), released::toString);
            await(() -> objects.stream().noneMatch(object -> legalHold(store, object)), "S3 legal holds cleared with the release");
            System.out.println("ObjectLockIT legal hold released: S3 legal hold OFF for all " + objects.size() + " objects");
            for (String object : objects) {
                assertEquals(disposition, retention(store, object).retainUntilDate().withZoneSameInstant(ZoneOffset.UTC).toLocalDate());
            }
        } finally {
            server.kill();
            s3mock.destroyForcibly();
            try (Connection c = DriverManager.getConnection(TestEnvironment.PG_URL, TestEnvironment.PG_ADMIN, "");
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private static ApiClient user(StandaloneServer server, String prefix, String clearance, String role) throws Exception {
        String username = Users.unique(prefix);
        String password = "pw-" + Users.unique("secret");
        server.createUser(username, password, clearance, "理赔部", role);
        return ApiClient.as(username, password).on(server.httpPort());
    }

    private static Retention retention(MinioClient store, String object) {
        try {
            return store.getObjectRetention(GetObjectRetentionArgs.builder().bucket(BUCKET).object(object).build());
        } catch (io.minio.errors.ErrorResponseException none) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean legalHold(MinioClient store, String object) {
        try {
            return store.isObjectLegalHoldEnabled(IsObjectLegalHoldEnabledArgs.builder().bucket(BUCKET).object(object).build());
        } catch (io.minio.errors.XmlParserException empty) {
            // S3Mock answers an object that never had a legal hold with an empty body.
            return false;
        } catch (io.minio.errors.ErrorResponseException none) {
            if (none.response() != null && none.response().code() == 404 && !"NoSuchKey".equals(none.errorResponse().code())) {
                return false;
            }
            throw new IllegalStateException(none);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within 30 s");
            }
            Thread.sleep(200);
        }
    }

    private static Process startS3Mock(Path work, int port) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("archive.s3mock.jar", "target/tools/s3mock.jar"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                jar.toString(), "--com.adobe.testing.s3mock.httpPort=" + port, "--server.port=" + TestEnvironment.freePort(),
                "--com.adobe.testing.s3mock.store.root=" + work.resolve("s3mock"))
                .redirectErrorStream(true).redirectOutput(work.resolve("s3mock.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("S3Mock exited; see " + work.resolve("s3mock.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return process;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IOException("S3Mock did not open port " + port);
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.backup.Backup;
import cn.insurer.archive.backup.BackupSettings;
import cn.insurer.archive.backup.Restore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The restore drill: file, seal, lend, hold and destroy on the test server; take a backup with
 * {@code ./archive backup}'s code; restore it with {@code ./archive restore}'s code into a new,
 * empty database and bucket (what is left after a disaster wiped both); start a WildFly of its own
 * on the restored data with an empty index folder; then everything the original answered, the
 * restored archive answers the same: the audit trail verifies, every item's bytes hash to its
 * SHA-256, searches find the same dossiers, sealed dossiers keep their archival codes, the loan, the
 * hold and the destruction are where they were.
 */
class BackupRestoreIT extends ServerTestBase {

    private static final List<String> MOTOR_CLAIM = List.of("FIRST_NOTICE_OF_LOSS", "SURVEY_REPORT", "LOSS_ASSESSMENT",
            "REPAIR_INVOICE", "PAYMENT_VOUCHER");
    private static final String RESTORED_BUCKET = "archive-restored";

    @Test
    void aRestoredArchiveAnswersAsTheOriginalDid() throws Exception {
        Users.Account clerk = Users.account("bkclerk", "SECRET", "理赔部", "CLERK");
        Users.Account adjuster = Users.account("bkadj", "INTERNAL", "理赔部", "ADJUSTER");
        Users.Account auditor = Users.account("bkaud", "SECRET", "档案室", "AUDITOR");
        ApiClient head = Users.create("bkhead", "SECRET", "理赔部", "DEPARTMENT_HEAD");
        ApiClient manager = Users.create("bkmgr", "SECRET", "档案室", "ARCHIVE_MANAGER");
        String word = letters(Users.unique("bk"));

        String sealed = claim(clerk.api(), "CONFIDENTIAL", word);
        close(clerk.api(), sealed);
        ApiClient.Reply seal = clerk.api().post("/api/dossiers/" + sealed + "/seal", "");
        assertEquals(200, seal.status(), seal::toString);
        String archivalCode = seal.json().get("archivalCode").asText();

        String loan = borrow(adjuster.api(), sealed, head, manager);
        String held = claim(clerk.api(), "INTERNAL", word);
        ApiClient.Reply hold = manager.post("/api/holds", Map.of("reason", "投保人起诉，诉讼保全", "caseReference",
                "(2026)沪0101民初" + word, "dossierIds", List.of(held)));
        assertEquals(201, hold.status(), hold::toString);
        String destroyed = destroyDuePolicy(clerk.api(), manager, auditor.api(), word);

        // The index follows the database within about a second while changes keep coming.
        Set<String> foundBefore = dossiersFound(Await.until(() -> clerk.api().get("/api/search?size=50&q=" + word).json(),
                search -> dossiersFound(search).equals(Set.of(sealed, held)), Duration.ofSeconds(30)));
        assertEquals(Set.of(sealed, held), foundBefore, "the destroyed policy is gone from the search already");
        Map<String, String> hashes = new TreeMap<>();
        for (String dossier : List.of(sealed, held)) {
            for (JsonNode item : clerk.api().get("/api/dossiers/" + dossier).json().get("items")) {
                hashes.put(item.get("id").asText(), item.get("sha256").asText());
            }
        }
        JsonNode verifiedBefore = auditor.api().get("/api/audit/verify").json();
        int destroyedStatusBefore = clerk.api().get("/api/dossiers/" + destroyed).status();

        Path work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("archive.it.dir", "target/it"))), "drill-");
        Instant started = Instant.now();
        new Backup(original(), Clock.systemUTC(), line -> System.out.println("BackupRestoreIT backup: " + line))
                .writeTo(work.resolve("backup"));
        Duration backupTook = Duration.between(started, Instant.now());

        String dbPassword = System.getProperty("it.db.app.password");
        String ownerPassword = System.getProperty("it.db.owner.password");
        String database = TestEnvironment.createDatabase(dbPassword, ownerPassword);
        String dbUrl = TestEnvironment.PG_URL.substring(0, TestEnvironment.PG_URL.lastIndexOf('/') + 1) + database;
        StandaloneServer restoredServer = null;
        try {
            BackupSettings target = new BackupSettings(dbUrl, "archive_it_owner", ownerPassword,
                    System.getProperty("it.s3.endpoint"), "us-east-1", System.getProperty("it.s3.access.key"),
                    System.getProperty("it.s3.secret.key"), RESTORED_BUCKET);
            started = Instant.now();
            Restore.Result result = new Restore(target, line -> System.out.println("BackupRestoreIT restore: " + line))
                    .from(work.resolve("backup"));
            Duration restoreTook = Duration.between(started, Instant.now());
            assertTrue(result.auditHeadSeq() >= verifiedBefore.get("events").asLong(), result::toString);

            restoredServer = new StandaloneServer(work.resolve("restored"), new StandaloneServer.Storage(dbUrl, dbPassword,
                    ownerPassword, target.s3Endpoint(), target.s3AccessKey(), target.s3SecretKey(), RESTORED_BUCKET));
            started = Instant.now();
            restoredServer.start();
            StandaloneServer restored = restoredServer;
            JsonNode search = restored.await(clerk.username(), clerk.password(), "/api/search?size=50&q=" + word,
                    answer -> dossiersFound(answer).equals(foundBefore), Duration.ofMinutes(5));
            Duration searchableAfter = Duration.between(started, Instant.now());
            assertEquals(foundBefore, dossiersFound(search));

            JsonNode verifiedAfter = json(restored.get(auditor.username(), auditor.password(), "/api/audit/verify"));
            assertEquals(verifiedBefore.get("verified"), verifiedAfter.get("verified"), verifiedAfter::toString);
            assertTrue(verifiedAfter.get("events").asLong() >= verifiedBefore.get("events").asLong(), verifiedAfter::toString);

            JsonNode sealedAfter = json(restored.get(clerk.username(), clerk.password(), "/api/dossiers/" + sealed));
            assertEquals(archivalCode, sealedAfter.get("archivalCode").asText());
            for (var item : hashes.entrySet()) {
                HttpResponse<byte[]> content = restored.get(clerk.username(), clerk.password(), "/api/items/" + item.getKey() + "/content");
                assertEquals(200, content.statusCode());
                assertEquals(item.getValue(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.body())),
                        "bytes of item " + item.getKey());
            }
            JsonNode heldAfter = json(restored.get(clerk.username(), clerk.password(), "/api/dossiers/" + held));
            assertFalse(heldAfter.get("retention").get("holds").isEmpty(), heldAfter::toString);
            JsonNode loans = json(restored.get(adjuster.username(), adjuster.password(), "/api/loans?mine=true&size=50"));
            assertTrue(loans.toString().contains(loan) && loans.toString().contains("ACTIVE"), loans::toString);
            assertEquals(destroyedStatusBefore, restored.get(clerk.username(), clerk.password(), "/api/dossiers/" + destroyed).statusCode(),
                    "the destroyed policy stays destroyed");

            String figures = String.format(Locale.ROOT,
                    "backup %.1f s (%s objects, %s database bytes); restore %.1f s (%d dossiers, %d items); "
                            + "restored server started and searchable in %.1f s",
                    backupTook.toMillis() / 1000.0, result.objects(), Files.size(work.resolve("backup").resolve("database.dump")),
                    restoreTook.toMillis() / 1000.0, result.dossiers(), result.items(), searchableAfter.toMillis() / 1000.0);
            System.out.println("BackupRestoreIT " + figures);
            Files.writeString(Path.of("target", "restore-drill.txt"), figures + "\n");
        } finally {
            if (restoredServer != null) {
                restoredServer.kill();
            }
            try (Connection c = DriverManager.getConnection(TestEnvironment.PG_URL, TestEnvironment.PG_ADMIN, "");
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    @Test
    void aRestoreRefusesADatabaseThatIsNotEmpty() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("archive.it.dir", "target/it"))), "drill-");
        new Backup(original(), Clock.systemUTC(), line -> { }).writeTo(work.resolve("backup"));
        BackupSettings overLiveData = new BackupSettings(System.getProperty("it.db.url"), "archive_it_owner",
                System.getProperty("it.db.owner.password"), System.getProperty("it.s3.endpoint"), "us-east-1",
                System.getProperty("it.s3.access.key"), System.getProperty("it.s3.secret.key"), "archive-untouched");
        long before = count("select count(*) from audit_event");
        Exception refused = assertThrows(Exception.class,
                () -> new Restore(overLiveData, line -> { }).from(work.resolve("backup")));
        assertTrue(refused.getMessage().contains("恢复只能写入空数据库"), refused.getMessage());
        assertEquals(before, count("select count(*) from audit_event"), "nothing was written");
    }

    private static BackupSettings original() {
        return new BackupSettings(System.getProperty("it.db.url"), "archive_it_owner", System.getProperty("it.db.owner.password"),
                System.getProperty("it.s3.endpoint"), "us-east-1", System.getProperty("it.s3.access.key"),
                System.getProperty("it.s3.secret.key"), "archive-it");
    }

    private static String claim(ApiClient clerk, String level, String word) {
        String id = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", level).put("lossDate", "2025-03-02")).get("id").asText();
        for (String type : MOTOR_CLAIM) {
            ApiClient.Reply reply = clerk.upload(id, ("恢复演练 " + word + " " + type + " " + id).getBytes(StandardCharsets.UTF_8),
                    type + ".txt", Dossiers.itemMetadata(type, type));
            assertEquals(201, reply.status(), reply::toString);
        }
        for (JsonNode item : clerk.get("/api/dossiers/" + id).json().get("items")) {
            String itemId = item.get("id").asText();
            Await.until(() -> clerk.get("/api/items/" + itemId).json(), i -> !i.get("extraction").asText().equals("PENDING"));
        }
        return id;
    }

    private static void close(ApiClient clerk, String id) {
        ApiClient.Reply reply = clerk.post("/api/dossiers/" + id + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2025-04-01"));
        assertEquals(201, reply.status(), reply::toString);
    }

    /** A view loan of a confidential claim by an internal adjuster, approved by the department head and, when the chain asks, the archive manager. */
    private static String borrow(ApiClient borrower, String dossier, ApiClient head, ApiClient manager) {
        ApiClient.Reply requested = borrower.post("/api/loans", Map.of("dossierId", dossier, "purpose", "类似案件诉讼参考",
                "kind", "VIEW", "days", 7));
        assertEquals(201, requested.status(), requested::toString);
        String id = requested.json().get("id").asText();
        JsonNode loan = requested.json();
        for (ApiClient approver : List.of(head, manager)) {
            if (!"REQUESTED".equals(loan.get("status").asText())) {
                break;
            }
            ApiClient.Reply approved = approver.post("/api/loans/" + id + "/approve", Map.of("comment", "同意，仅限本案参考"));
            assertEquals(200, approved.status(), approved::toString);
            loan = approved.json();
        }
        assertEquals("ACTIVE", loan.get("status").asText(), loan::toString);
        return id;
    }

    /** A policy that ended in 2010, sealed, long due, destroyed with both signatures. */
    private static String destroyDuePolicy(ApiClient clerk, ApiClient manager, ApiClient auditor, String word) {
        ObjectNode body = Dossiers.underwriting("家财险", "理赔部").put("policyStart", "2010-01-01").put("policyEnd", "2010-12-31");
        String id = Dossiers.create(clerk, body).get("id").asText();
        assertEquals(201, clerk.post("/api/dossiers/" + id + "/events", Map.of("event", "POLICY_TERMINATED", "date", "2010-12-31")).status());
        assertEquals(201, clerk.upload(id, ("恢复演练 " + word + " 投保单").getBytes(StandardCharsets.UTF_8), "application.txt",
                Dossiers.itemMetadata("投保单", "APPLICATION")).status());
        Dossiers.seal(manager, id);
        ApiClient.Reply proposed = manager.post("/api/dispositions", Map.of("dossierIds", List.of(id), "action", "DESTROY",
                "appraisal", "经鉴定，上述保单档案已超过保管期限，无继续保存价值。"));
        assertEquals(201, proposed.status(), proposed::toString);
        String batch = proposed.json().get("id").asText();
        assertEquals(200, manager.post("/api/dispositions/" + batch + "/approve", "").status());
        assertEquals(200, auditor.post("/api/dispositions/" + batch + "/approve", "").status());
        ApiClient.Reply executed = manager.post("/api/dispositions/" + batch + "/execute", "");
        assertEquals(200, executed.status(), executed::toString);
        return id;
    }

    private static Set<String> dossiersFound(JsonNode search) {
        Set<String> found = new TreeSet<>();
        search.get("hits").forEach(hit -> found.add(hit.get("dossierId").asText()));
        return found;
    }

    private static JsonNode json(HttpResponse<byte[]> reply) throws Exception {
        assertEquals(200, reply.statusCode(), () -> new String(reply.body(), StandardCharsets.UTF_8));
        return ApiClient.JSON.readTree(reply.body());
    }

    private static long count(String sql) {
        return ((Number) Database.query(sql).get(0).values().iterator().next()).longValue();
    }

    /** Letters only, so that every analyzer keeps the word whole. */
    private static String letters(String unique) {
        return "bk" + unique.chars().filter(Character::isLetterOrDigit)
                .mapToObj(c -> String.valueOf((char) ('g' + Math.floorMod(c, 20)))).collect(Collectors.joining());
    }
}

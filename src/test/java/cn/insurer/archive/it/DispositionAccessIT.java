package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A disposition batch hands over or destroys every item of its dossiers at once: only a user whose
 * clearance covers the highest level among them may propose, sign or execute it, see its members,
 * take its transfer package or its certificate. Every refusal is audited, and so is every package
 * handed out.
 */
class DispositionAccessIT extends ServerTestBase {

    private static final String ARCHIVE = "档案室";

    private static ApiClient clerk;
    private static ApiClient manager;
    private static ApiClient internalManager;
    private static ApiClient auditor;
    private static ApiClient internalAuditor;

    @BeforeAll
    static void users() {
        clerk = Users.create("daclerk", "SECRET", ARCHIVE, "CLERK");
        manager = Users.create("damanager", "SECRET", ARCHIVE, "ARCHIVE_MANAGER");
        internalManager = Users.create("dalowmgr", "INTERNAL", ARCHIVE, "ARCHIVE_MANAGER");
        auditor = Users.create("daauditor", "SECRET", ARCHIVE, "AUDITOR");
        internalAuditor = Users.create("dalowaud", "INTERNAL", ARCHIVE, "AUDITOR");
    }

    @Test
    void aTransferHoldingASecretItemIsSignedExecutedAndHandedOutOnlyToThoseClearedForIt() throws Exception {
        String marker = Users.unique("绝密");
        String dossier = duePolicyWithSecretItem(marker);
        String title = clerk.get("/api/dossiers/" + dossier).json().get("title").asText();
        String batch = propose(manager, "TRANSFER", dossier);
        String target = "disposition:" + batch;

        assertEquals(200, manager.post("/api/dispositions/" + batch + "/approve", "").status());
        ApiClient.Reply lowSignature = internalAuditor.post("/api/dispositions/" + batch + "/approve", "");
        JsonAssert.problem(lowSignature, 403);
        assertDenied(internalAuditor, target, "disposition.approve");
        assertNothingOf(lowSignature, marker, title);
        ApiClient.Reply signed = auditor.post("/api/dispositions/" + batch + "/approve", "");
        assertEquals(200, signed.status(), signed::toString);
        assertEquals("APPROVED", signed.json().get("status").asText());

        ApiClient.Reply lowExecution = internalManager.post("/api/dispositions/" + batch + "/execute", "");
        JsonAssert.problem(lowExecution, 403);
        assertDenied(internalManager, target, "disposition.execute");
        ApiClient.Reply executed = manager.post("/api/dispositions/" + batch + "/execute", "");
        assertEquals(200, executed.status(), executed::toString);
        assertEquals("TRANSFERRED", executed.json().get("dossiers").get(0).get("outcome").asText());

        // The dossier is gone: the level recorded on the batch member decides from now on.
        ApiClient.Reply lowPackage = internalAuditor.get("/api/dispositions/" + batch + "/package");
        JsonAssert.problem(lowPackage, 403);
        assertDenied(internalAuditor, target, "disposition.package");
        assertNothingOf(lowPackage, marker, title);
        assertTrue(audited(internalAuditor, "TRANSFER_PACKAGE_DOWNLOADED", target).isEmpty());

        ApiClient.Reply lowView = internalAuditor.get("/api/dispositions/" + batch);
        JsonAssert.problem(lowView, 403);
        assertDenied(internalAuditor, target, "disposition.read");
        assertNothingOf(lowView, marker, title);
        ApiClient.Reply lowList = internalAuditor.get("/api/dispositions");
        assertEquals(200, lowList.status(), lowList::toString);
        assertFalse(lowList.text().contains(batch), lowList::text);
        assertNothingOf(lowList, marker, title);

        ApiClient.Reply bag = auditor.get("/api/dispositions/" + batch + "/package");
        assertEquals(200, bag.status(), bag::toString);
        assertEquals("application/zip", bag.contentType());
        JsonNode downloads = audited(auditor, "TRANSFER_PACKAGE_DOWNLOADED", target);
        assertEquals(1, downloads.size(), downloads::toString);
        assertEquals("SUCCESS", downloads.get(0).get("outcome").asText());
        assertEquals(batch, downloads.get(0).get("details").get("batch").asText());
        assertEquals(1, downloads.get(0).get("details").get("items").asInt(), downloads::toString);
        assertTrue(auditor.get("/api/dispositions").text().contains(batch));
        assertEquals(200, auditor.get("/api/dispositions/" + batch).status());
    }

    @Test
    void aManagerWhoReadsTheDossierButNotItsSecretItemCannotProposeItsDestruction() {
        String marker = Users.unique("绝密");
        String dossier = duePolicyWithSecretItem(marker);
        // The dossier itself is INTERNAL: the manager reads it, but not the item filed above it.
        assertEquals(200, internalManager.get("/api/dossiers/" + dossier).status());
        ApiClient.Reply refused = internalManager.post("/api/dispositions", Map.of("dossierIds", List.of(dossier),
                "action", "DESTROY", "appraisal", "经鉴定，已超过保管期限，同意销毁。"));
        JsonAssert.problem(refused, 403);
        assertDenied(internalManager, "dossiers:" + dossier, "disposition.propose");
        assertNothingOf(refused, marker, marker);
        // Nothing was proposed: a cleared manager can still propose it.
        propose(manager, "DESTROY", dossier);
    }

    @Test
    void theCertificateOfADestructionNamesItsDossiersOnlyToThoseClearedForThem() {
        String marker = Users.unique("绝密");
        String dossier = duePolicyWithSecretItem(marker);
        String batch = propose(manager, "DESTROY", dossier);
        assertEquals(200, manager.post("/api/dispositions/" + batch + "/approve", "").status());
        assertEquals(200, auditor.post("/api/dispositions/" + batch + "/approve", "").status());
        ApiClient.Reply executed = manager.post("/api/dispositions/" + batch + "/execute", "");
        assertEquals(200, executed.status(), executed::toString);
        assertEquals("DESTROYED", executed.json().get("dossiers").get(0).get("outcome").asText());

        ApiClient.Reply lowCertificate = internalAuditor.get("/api/dispositions/" + batch + "/certificate");
        JsonAssert.problem(lowCertificate, 403);
        assertDenied(internalAuditor, "disposition:" + batch, "disposition.certificate");
        JsonAssert.problem(internalAuditor.get("/api/dispositions/" + batch), 403);
    }

    /** A sealed INTERNAL policy terminated at the end of 2010 (due since 2015) holding one SECRET item. */
    @Test
    void aTransferWhileAnItemsTextIsBeingWrittenWaitsForIt() throws Exception {
        String marker = Users.unique("移交");
        String dossier = duePolicyWithSecretItem(marker);
        String batch = propose(manager, "TRANSFER", dossier);
        assertEquals(200, manager.post("/api/dispositions/" + batch + "/approve", "").status());
        assertEquals(200, auditor.post("/api/dispositions/" + batch + "/approve", "").status());
        // What an extraction outcome does as it commits: the item's text written again, the item row held.
        try (Connection db = DriverManager.getConnection(System.getProperty("it.db.url"), "postgres", "")) {
            String item;
            try (PreparedStatement find = db.prepareStatement("select id::text from item where dossier_id = ?::uuid")) {
                find.setString(1, dossier);
                try (ResultSet row = find.executeQuery()) {
                    assertTrue(row.next());
                    item = row.getString(1);
                }
            }
            Await.until(() -> clerk.get("/api/items/" + item).json(), i -> i.get("extraction").asText().equals("DONE"));
            db.setAutoCommit(false);
            try (PreparedStatement text = db.prepareStatement("delete from item_text where item_id = ?::uuid; "
                    + "insert into item_text (item_id, content, characters, truncated, extracted_at) values (?::uuid, 'x', 1, false, now())")) {
                text.setString(1, item);
                text.setString(2, item);
                text.execute();
            }
            CompletableFuture<ApiClient.Reply> execution = CompletableFuture.supplyAsync(
                    () -> manager.post("/api/dispositions/" + batch + "/execute", ""));
            Thread.sleep(2_000);
            assertFalse(execution.isDone(), "the transfer waits for the item's text to be committed");
            db.commit();
            ApiClient.Reply executed = execution.get(1, TimeUnit.MINUTES);
            assertEquals(200, executed.status(), executed::toString);
            assertEquals("TRANSFERRED", executed.json().get("dossiers").get(0).get("outcome").asText());
        }
    }

    private static String duePolicyWithSecretItem(String marker) {
        ObjectNode body = Dossiers.underwriting("家财险", ARCHIVE).put("policyStart", "2010-01-01").put("policyEnd", "2010-12-31");
        String id = Dossiers.create(clerk, body).get("id").asText();
        ApiClient.Reply event = clerk.post("/api/dossiers/" + id + "/events", Map.of("event", "POLICY_TERMINATED", "date", "2010-12-31"));
        assertEquals(201, event.status(), event::toString);
        ApiClient.Reply upload = clerk.upload(id, ("绝密内容 " + marker).getBytes(StandardCharsets.UTF_8), marker + ".txt",
                Map.of("title", "绝密附件 " + marker, "documentType", "APPLICATION", "securityLevel", "SECRET"));
        assertEquals(201, upload.status(), upload::toString);
        Dossiers.seal(manager, id);
        return id;
    }

    private static String propose(ApiClient who, String action, String... ids) {
        ApiClient.Reply reply = who.post("/api/dispositions", Map.of("dossierIds", List.of(ids), "action", action,
                "appraisal", "经鉴定，上述保单档案已超过保管期限，无继续保存价值。"));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().get("id").asText();
    }

    private static void assertNothingOf(ApiClient.Reply reply, String marker, String title) {
        String text = reply.text();
        assertFalse(text.contains(marker), text);
        assertFalse(text.contains(title), text);
    }

    private static JsonNode audited(ApiClient actor, String action, String target) {
        return AuditQueries.audited(auditor, actor, action, target);
    }

    private static void assertDenied(ApiClient actor, String target, String operation) {
        AuditQueries.assertDenied(auditor, actor, target, operation);
    }
}

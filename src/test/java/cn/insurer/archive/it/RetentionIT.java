package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retention from events, legal holds, and disposition with two signatures, destruction and certificate. */
class RetentionIT extends ServerTestBase {

    private static final String DEPARTMENT = "档案室";

    private static ApiClient clerk;
    private static ApiClient manager;
    private static ApiClient managerAuditor;
    private static ApiClient auditor;

    @BeforeAll
    static void users() {
        clerk = Users.create("rclerk", "CONFIDENTIAL", DEPARTMENT, "CLERK");
        manager = Users.create("rmanager", "SECRET", DEPARTMENT, "ARCHIVE_MANAGER");
        managerAuditor = Users.create("rboth", "SECRET", DEPARTMENT, "ARCHIVE_MANAGER", "AUDITOR");
        auditor = Users.create("rauditor", "SECRET", DEPARTMENT, "AUDITOR");
    }

    private static String policy(String start, String end) {
        ObjectNode body = Dossiers.underwriting("家财险", DEPARTMENT).put("policyStart", start).put("policyEnd", end);
        return Dossiers.create(clerk, body).get("id").asText();
    }

    private static void event(String id, String event, String date) {
        ApiClient.Reply reply = clerk.post("/api/dossiers/" + id + "/events", Map.of("event", event, "date", date));
        assertEquals(201, reply.status(), reply::toString);
    }

    private static String upload(String id, String text, String documentType, String documentDate) {
        ObjectNode metadata = Dossiers.itemMetadata(documentType, documentType);
        if (documentDate != null) {
            metadata.put("documentDate", documentDate);
        }
        ApiClient.Reply reply = clerk.upload(id, text.getBytes(StandardCharsets.UTF_8), documentType + ".txt", metadata);
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().get("sha256").asText();
    }

    /** As the archive manager, who reads holds; others learn only that a dossier is held. */
    private static JsonNode retention(String id) {
        ApiClient.Reply reply = manager.get("/api/dossiers/" + id);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().get("retention");
    }

    /** A one-year policy terminated at the end of 2010: due since 2015-12-31. */
    private static String duePolicy() {
        String id = policy("2010-01-01", "2010-12-31");
        event(id, "POLICY_TERMINATED", "2010-12-31");
        return id;
    }

    private static String propose(String... ids) {
        return proposeAs("DESTROY", ids);
    }

    /** Proposes the dossiers, sealing first those still open: only archived dossiers are disposed of. */
    private static String proposeAs(String action, String... ids) {
        for (String id : ids) {
            if (!"SEALED".equals(manager.get("/api/dossiers/" + id).json().get("status").asText())) {
                Dossiers.seal(manager, id);
            }
        }
        ApiClient.Reply reply = manager.post("/api/dispositions", Map.of("dossierIds", List.of(ids), "action", action,
                "appraisal", "经鉴定，上述保单档案已超过《保险法》第八十七条规定的保管期限，无继续保存价值，同意销毁。"));
        assertEquals(201, reply.status(), reply::toString);
        assertEquals("PROPOSED", reply.json().get("status").asText());
        return reply.json().get("id").asText();
    }

    private static void approveTwice(String batch) {
        ApiClient.Reply first = manager.post("/api/dispositions/" + batch + "/approve", "");
        assertEquals(200, first.status(), first::toString);
        ApiClient.Reply second = auditor.post("/api/dispositions/" + batch + "/approve", "");
        assertEquals(200, second.status(), second::toString);
        assertEquals("APPROVED", second.json().get("status").asText());
    }

    @Test
    void rulesAreListedWithTheirLegalBasis() {
        ApiClient.Reply reply = auditor.get("/api/retention/rules");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(12, reply.json().get("count").asInt());
        JsonNode shortRule = null;
        for (JsonNode rule : reply.json().get("rules")) {
            if (rule.get("id").asText().equals("INS-87-SHORT")) {
                shortRule = rule;
            }
        }
        assertEquals(5, shortRule.get("years").asInt());
        assertEquals("POLICY_TERMINATED", shortRule.get("trigger").asText());
        assertTrue(shortRule.get("basis").asText().contains("第八十七条"));
        assertEquals(403, clerk.get("/api/retention/rules").status());
    }

    @Test
    void aPolicyWaitsForItsTerminationThenKeepsFiveOrTenYears() {
        String shortPolicy = policy("2025-01-01", "2025-12-31");
        JsonNode pending = retention(shortPolicy);
        assertEquals("PENDING_TRIGGER", pending.get("state").asText());
        assertEquals("POLICY_TERMINATED", pending.get("trigger").asText());
        assertTrue(pending.path("dispositionDate").isNull() || pending.path("dispositionDate").isMissingNode(), pending::toString);
        event(shortPolicy, "POLICY_TERMINATED", "2025-12-31");
        assertEquals("AWAITING_SEAL", retention(shortPolicy).get("state").asText(), "its date is set, but it is not archived yet");
        Dossiers.seal(manager, shortPolicy);
        JsonNode scheduled = retention(shortPolicy);
        assertEquals("INS-87-SHORT", scheduled.get("ruleId").asText());
        assertEquals("insurance-business/2", scheduled.get("policyVersion").asText());
        assertEquals("2025-12-31", scheduled.get("triggerDate").asText());
        assertEquals("2030-12-31", scheduled.get("dispositionDate").asText());
        assertEquals("SCHEDULED", scheduled.get("state").asText());

        String longPolicy = policy("2015-01-01", "2017-12-31");
        event(longPolicy, "POLICY_TERMINATED", "2018-01-15");
        JsonNode longer = retention(longPolicy);
        assertEquals("INS-87-LONG", longer.get("ruleId").asText());
        assertEquals("2028-01-15", longer.get("dispositionDate").asText());
        List<Map<String, Object>> stored = Database.query("select rule_id, disposition_date::text as due from dossier_retention "
                + "where dossier_id = ?::uuid", longPolicy);
        assertEquals("INS-87-LONG", stored.get(0).get("rule_id"));
        assertEquals("2028-01-15", stored.get(0).get("due"));
    }

    @Test
    void aPaymentVoucherKeepsAClaimThirtyYearsAndTheLongestRuleWins() {
        String claim = Dossiers.create(clerk, Dossiers.claim("车险", DEPARTMENT, "INTERNAL").put("lossDate", "2015-02-01"))
                .get("id").asText();
        event(claim, "CLAIM_CLOSED", "2016-03-01");
        assertEquals("PENDING_TRIGGER", retention(claim).get("state").asText(), "the contract's termination is still to come");
        event(claim, "POLICY_TERMINATED", "2015-12-31");
        JsonNode insurance = retention(claim);
        assertEquals("INS-87-LONG", insurance.get("ruleId").asText(), "an unknown policy term must not shorten retention");
        assertEquals("2025-12-31", insurance.get("dispositionDate").asText());

        upload(claim, "赔款支付凭证 " + claim, "PAYMENT_VOUCHER", "2016-02-20");
        JsonNode voucher = retention(claim);
        assertEquals("ACC-VOUCHER", voucher.get("ruleId").asText());
        assertEquals("accounting/2", voucher.get("policyVersion").asText());
        assertEquals("FISCAL_YEAR_END", voucher.get("trigger").asText());
        assertEquals("2016-12-31", voucher.get("triggerDate").asText());
        assertEquals("2047-01-01", voucher.get("dispositionDate").asText());
    }

    @Test
    void aDossierNotYetDueOrPendingIsRefused() {
        String notDue = policy("2025-01-01", "2025-12-31");
        event(notDue, "POLICY_TERMINATED", "2025-12-31");
        String pending = policy("2025-01-01", "2025-12-31");
        for (String id : List.of(notDue, pending)) {
            JsonAssert.problem(manager.post("/api/dispositions", Map.of("dossierIds", List.of(id), "action", "DESTROY",
                    "appraisal", "到期销毁")), 409);
        }
        JsonAssert.problem(manager.post("/api/dispositions", Map.of("dossierIds", List.of(notDue), "action", "DESTROY")), 422);
        JsonAssert.problem(clerk.post("/api/dispositions", Map.of("dossierIds", List.of(notDue), "action", "DESTROY",
                "appraisal", "到期销毁")), 403);
    }

    /** A claim whose policy ended and which closed long ago, so that it is due today. */
    private static String dueClaim() {
        String claim = Dossiers.create(clerk, Dossiers.claim("车险", DEPARTMENT, "INTERNAL").put("lossDate", "2010-05-01"))
                .get("id").asText();
        event(claim, "POLICY_TERMINATED", "2010-12-31");
        event(claim, "CLAIM_CLOSED", "2011-06-30");
        return claim;
    }

    private static boolean listedDue(String id) {
        return manager.get("/api/retention/due").text().contains(id);
    }

    @Test
    void anOpenDossierIsNeverDueHoweverOldItsEvents() {
        String claim = dueClaim();
        JsonNode open = retention(claim);
        assertEquals("AWAITING_SEAL", open.get("state").asText(), open::toString);
        assertEquals("2020-12-31", open.get("dispositionDate").asText(), "the date is worked out all the same");
        assertFalse(listedDue(claim), "an open dossier is not in the due list");
        ApiClient.Reply refused = manager.post("/api/dispositions", Map.of("dossierIds", List.of(claim), "action", "DESTROY",
                "appraisal", "到期销毁"));
        JsonAssert.problem(refused, 409);
        assertTrue(refused.json().get("detail").asText().contains("尚未归档"), refused::toString);
        Dossiers.seal(manager, claim);
        assertEquals("SCHEDULED", retention(claim).get("state").asText());
        assertTrue(listedDue(claim));
    }

    @Test
    void aDisputedClaimCannotBeProposedUntilTheDisputeHasBeenOverForTwoYears() {
        String claim = dueClaim();
        Dossiers.seal(manager, claim);
        assertEquals("SCHEDULED", retention(claim).get("state").asText());
        assertTrue(listedDue(claim));

        event(claim, "DISPUTE_OPENED", "2024-03-01");
        JsonNode frozen = retention(claim);
        assertEquals("PENDING_TRIGGER", frozen.get("state").asText(), frozen::toString);
        assertEquals("DISPUTE-FREEZE", frozen.get("ruleId").asText());
        assertEquals("DISPUTE_CLOSED", frozen.get("trigger").asText());
        assertFalse(listedDue(claim), "a dossier under dispute is not in the due list");
        ApiClient.Reply refused = manager.post("/api/dispositions", Map.of("dossierIds", List.of(claim), "action", "DESTROY",
                "appraisal", "到期销毁"));
        JsonAssert.problem(refused, 409);
        assertTrue(refused.json().get("detail").asText().contains("起算"), "the refusal says the dispute has not ended: " + refused);

        event(claim, "DISPUTE_CLOSED", "2025-06-30");
        JsonNode extended = retention(claim);
        assertEquals("SCHEDULED", extended.get("state").asText(), extended::toString);
        assertEquals("DISPUTE-FREEZE", extended.get("ruleId").asText());
        assertEquals("2027-06-30", extended.get("dispositionDate").asText(), "two years after the dispute ended");
        JsonAssert.problem(manager.post("/api/dispositions", Map.of("dossierIds", List.of(claim), "action", "DESTROY",
                "appraisal", "到期销毁")), 409);

        String settledLongAgo = dueClaim();
        event(settledLongAgo, "DISPUTE_OPENED", "2012-01-10");
        event(settledLongAgo, "DISPUTE_CLOSED", "2013-02-01");
        assertEquals("2020-12-31", retention(settledLongAgo).get("dispositionDate").asText(),
                "a dispute long over leaves the longer rule in force");
        propose(settledLongAgo);
    }

    @Test
    void aDisputeOpenedAfterTheSignaturesKeepsTheClaimFromDestruction() {
        String claim = dueClaim();
        String batch = propose(claim);
        approveTwice(batch);
        event(claim, "DISPUTE_OPENED", "2026-01-05");
        ApiClient.Reply executed = manager.post("/api/dispositions/" + batch + "/execute", "");
        assertEquals(200, executed.status(), executed::toString);
        JsonNode entry = executed.json().get("dossiers").get(0);
        assertEquals("SKIPPED", entry.get("outcome").asText(), entry::toString);
        assertEquals("NOT_DUE", entry.get("reason").asText(), entry::toString);
        assertEquals(200, clerk.get("/api/dossiers/" + claim).status());
    }

    @Test
    void anAppraisalKeepsADossierUntilItsReviewDateButNeverShortensARule() {
        String claim = dueClaim();
        String appraisal = "该案涉及再审申请，仍有查考价值，延长保管至复审 " + claim;
        Map<String, Object> body = Map.of("dossierIds", List.of(claim), "reviewDate", "2031-12-31", "appraisal", appraisal);
        JsonAssert.problem(clerk.post("/api/retention/extensions", body), 403);
        JsonAssert.problem(manager.post("/api/retention/extensions", Map.of("dossierIds", List.of(claim), "reviewDate", "2020-01-01",
                "appraisal", appraisal)), 422);
        JsonAssert.problem(manager.post("/api/retention/extensions", Map.of("dossierIds", List.of(claim), "reviewDate", "2031-12-31")), 422);
        JsonAssert.problem(manager.post("/api/retention/extensions", Map.of("dossierIds", List.of(claim), "reviewDate", "明年",
                "appraisal", appraisal)), 422);
        assertEquals("2020-12-31", retention(claim).get("dispositionDate").asText(), "refused extensions change nothing");

        ApiClient.Reply kept = manager.post("/api/retention/extensions", body);
        assertEquals(201, kept.status(), kept::toString);
        JsonNode entry = kept.json().get("dossiers").get(0);
        assertEquals("2020-12-31", entry.get("previousDispositionDate").asText());
        assertEquals("2031-12-31", entry.get("dispositionDate").asText());
        assertEquals("2031-12-31", retention(claim).get("dispositionDate").asText());
        assertFalse(listedDue(claim), "kept longer, it is no longer due");
        JsonAssert.problem(manager.post("/api/dispositions", Map.of("dossierIds", List.of(claim), "action", "DESTROY",
                "appraisal", "到期销毁")), 409);
        JsonNode events = AuditQueries.audited(auditor, manager, "RETENTION_EXTENDED", "dossier:" + claim);
        assertEquals(1, events.size(), events::toString);
        assertEquals(appraisal, events.get(0).get("details").get("appraisal").asText());
        assertEquals("2020-12-31", events.get(0).get("details").get("previousDispositionDate").asText());

        String later = policy("2024-01-01", "2025-06-30");
        event(later, "POLICY_TERMINATED", "2025-06-30");
        assertEquals("2035-06-30", retention(later).get("dispositionDate").asText());
        ApiClient.Reply shorter = manager.post("/api/retention/extensions", Map.of("dossierIds", List.of(later), "reviewDate", "2028-01-01",
                "appraisal", "复审"));
        assertEquals(201, shorter.status(), shorter::toString);
        assertEquals("2035-06-30", retention(later).get("dispositionDate").asText(), "an earlier review date never shortens a rule");
    }

    @Test
    void movingTheClockMakesADossierDue() {
        String id = policy("2025-01-01", "2025-12-31");
        event(id, "POLICY_TERMINATED", "2025-12-31");
        Dossiers.seal(manager, id);
        assertFalse(manager.get("/api/retention/due").text().contains(id));
        try {
            ApiClient.Reply shifted = admin().post("/api/admin/clock", Map.of("offsetDays", 3650));
            assertEquals(200, shifted.status(), shifted::toString);
            JsonNode due = manager.get("/api/retention/due").json();
            assertTrue(due.toString().contains(id), due::toString);
            assertEquals(403, manager.post("/api/admin/clock", Map.of("offsetDays", 1)).status());
        } finally {
            assertEquals(200, admin().post("/api/admin/clock", Map.of("offsetDays", 0)).status());
        }
        assertFalse(manager.get("/api/retention/due").text().contains(id));
    }

    @Test
    void destructionRemovesBytesTextAndIndexEntriesAndKeepsATombstoneAndCertificate() throws Exception {
        String marker = "销毁标记" + Users.unique("m").replaceAll("[^a-z0-9]", "");
        String doomed = duePolicy();
        String uniqueHash = upload(doomed, "投保单 " + marker, "APPLICATION", null);
        String shared = "共用的身份证明复印件 " + doomed;
        String sharedHash = upload(doomed, shared, "UNDERWRITING_REVIEW", null);
        String keeper = policy("2025-01-01", "2025-12-31");
        upload(keeper, shared, "UNDERWRITING_REVIEW", null);
        Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", marker))).json(),
                result -> result.get("total").asInt() > 0);
        Await.until(() -> clerk.get("/api/dossiers/" + doomed).json(), dossier -> {
            for (JsonNode item : dossier.get("items")) {
                if (!item.get("extraction").asText().equals("DONE")) {
                    return false;
                }
            }
            return true;
        });
        assertEquals(2L, count("select count(*) from item_text t join item i on i.id = t.item_id where i.dossier_id = ?::uuid", doomed));

        Dossiers.seal(manager, doomed);
        JsonNode due = manager.get(ApiClient.query("/api/retention/due", Map.of("before", "2016-01-01"))).json();
        assertTrue(due.toString().contains(doomed), due::toString);

        String batch = propose(doomed);
        JsonAssert.problem(manager.post("/api/dispositions", Map.of("dossierIds", List.of(doomed), "action", "DESTROY",
                "appraisal", "重复提出")), 409);
        JsonAssert.problem(auditor.post("/api/dispositions/" + batch + "/approve", ""), 409);
        JsonAssert.problem(manager.post("/api/dispositions/" + batch + "/execute", ""), 409);
        JsonAssert.problem(auditor.get("/api/dispositions/" + batch + "/certificate"), 409);
        assertEquals(200, managerAuditor.post("/api/dispositions/" + batch + "/approve", "").status());
        JsonAssert.problem(managerAuditor.post("/api/dispositions/" + batch + "/approve", ""), 403);
        JsonAssert.problem(manager.post("/api/dispositions/" + batch + "/approve", ""), 409);
        ApiClient.Reply cosigned = auditor.post("/api/dispositions/" + batch + "/approve", "");
        assertEquals(200, cosigned.status(), cosigned::toString);
        assertEquals(auditor.username(), cosigned.json().get("auditorApprovedBy").asText());

        ApiClient.Reply executed = manager.post("/api/dispositions/" + batch + "/execute", "");
        assertEquals(200, executed.status(), executed::toString);
        assertEquals("EXECUTED", executed.json().get("status").asText());
        JsonNode entry = executed.json().get("dossiers").get(0);
        assertEquals("DESTROYED", entry.get("outcome").asText());
        assertEquals("INS-87-SHORT", entry.get("ruleId").asText());
        assertEquals("2015-12-31", entry.get("dispositionDate").asText());

        assertEquals(404, clerk.get("/api/dossiers/" + doomed).status());
        assertEquals(0L, count("select count(*) from item where dossier_id = ?::uuid", doomed));
        assertEquals(0L, count("select count(*) from dossier_event where dossier_id = ?::uuid", doomed));
        assertEquals(0L, count("select count(*) from stored_object where sha256 = ?", uniqueHash));
        assertEquals(1L, count("select count(*) from stored_object where sha256 = ?", sharedHash));
        assertEquals(1L, count("select count(*) from disposition_dossier where dossier_id = ?::uuid and outcome = 'DESTROYED'", doomed));
        assertFalse(objectExists(uniqueHash), "the destroyed bytes are gone from the bucket");
        assertTrue(objectExists(sharedHash), "bytes another dossier still files stay");
        assertEquals(200, clerk.get("/api/dossiers/" + keeper).status());
        // Other dossiers may share a word of the marker and rank below; none of the hits may be the destroyed one.
        Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", marker, "size", "100"))).json(),
                result -> !result.get("hits").toString().contains(doomed));

        ApiClient.Reply certificate = auditor.get("/api/dispositions/" + batch + "/certificate");
        assertEquals(200, certificate.status(), certificate::toString);
        assertEquals("application/pdf", certificate.contentType());
        assertEquals("%PDF", new String(certificate.body(), 0, 4, StandardCharsets.US_ASCII));

        String register = auditor.get(ApiClient.query("/api/reports/destruction-register", Map.of("format", "csv"))).text();
        String number = auditor.get("/api/dispositions/" + batch).json().get("number").asText();
        assertTrue(number.matches("CZ-\\d{4}-\\d{6}"), number);
        assertTrue(register.contains(number) && !register.contains(batch), "the register names the batch by its number: " + register);
        assertTrue(register.contains("测试用户 " + manager.username()), "and its signers by name: " + register);
        ApiClient.Reply xlsx = auditor.get(ApiClient.query("/api/reports/destruction-register", Map.of("format", "xlsx")));
        assertEquals(200, xlsx.status());
    }

    @Test
    void aHoldPlacedAfterApprovalBlocksExecutionAndUploads() {
        String held = duePolicy();
        String free = duePolicy();
        String batch = propose(held, free);
        approveTwice(batch);

        ApiClient.Reply placed = manager.post("/api/holds", Map.of("reason", "投保人起诉，诉讼保全", "caseReference",
                "(2026)沪0115民初" + Users.unique("c"), "dossierIds", List.of(held)));
        assertEquals(201, placed.status(), placed::toString);
        String hold = placed.json().get("id").asText();
        String caseReference = placed.json().get("caseReference").asText();
        assertEquals("ACTIVE", placed.json().get("status").asText());

        JsonNode retention = retention(held);
        assertEquals(caseReference, retention.get("holds").get(0).get("caseReference").asText());
        JsonNode seenByClerk = clerk.get("/api/dossiers/" + held).json().get("retention").get("holds");
        assertEquals(1, seenByClerk.size(), seenByClerk::toString);
        assertTrue(!seenByClerk.get(0).hasNonNull("caseReference") && !seenByClerk.toString().contains(caseReference),
                seenByClerk::toString);
        JsonAssert.problem(clerk.upload(held, "补充材料".getBytes(StandardCharsets.UTF_8), "late.txt",
                Dossiers.itemMetadata("补充材料", "OTHER")), 409);
        JsonNode due = manager.get(ApiClient.query("/api/retention/due", Map.of("before", "2016-01-01"))).json();
        for (JsonNode row : due.get("dossiers")) {
            if (row.get("dossierId").asText().equals(held)) {
                assertTrue(row.get("held").asBoolean(), row::toString);
            }
        }

        ApiClient.Reply executed = manager.post("/api/dispositions/" + batch + "/execute", "");
        assertEquals(200, executed.status(), executed::toString);
        for (JsonNode entry : executed.json().get("dossiers")) {
            if (entry.get("dossierId").asText().equals(held)) {
                assertEquals("SKIPPED", entry.get("outcome").asText());
                assertEquals("ON_HOLD", entry.get("reason").asText());
            } else {
                assertEquals("DESTROYED", entry.get("outcome").asText());
            }
        }
        assertEquals(200, clerk.get("/api/dossiers/" + held).status());
        assertEquals(404, clerk.get("/api/dossiers/" + free).status());

        JsonAssert.problem(manager.post("/api/dispositions", Map.of("dossierIds", List.of(held), "action", "DESTROY",
                "appraisal", "到期销毁")), 409);
        JsonAssert.problem(manager.post("/api/holds/" + hold + "/release", Map.of("comment", " ")), 422);
        JsonAssert.problem(auditor.post("/api/holds/" + hold + "/release", Map.of("comment", "结案")), 403);
        ApiClient.Reply released = manager.post("/api/holds/" + hold + "/release", Map.of("comment", "一审判决生效，诉讼终结"));
        assertEquals(200, released.status(), released::toString);
        assertEquals("RELEASED", released.json().get("status").asText());
        JsonAssert.problem(manager.post("/api/holds/" + hold + "/release", Map.of("comment", "再次解除")), 409);
        assertEquals(0, retention(held).get("holds").size());
        assertTrue(auditor.get("/api/holds").text().contains(caseReference));
        String register = auditor.get(ApiClient.query("/api/reports/holds", Map.of("format", "csv"))).text();
        assertTrue(register.contains(caseReference) && register.contains("一审判决生效"), register);
        String dueRegister = auditor.get(ApiClient.query("/api/reports/retention-due", Map.of("format", "csv"))).text();
        assertTrue(dueRegister.contains(clerk.get("/api/dossiers/" + held).json().get("businessKey").asText()), dueRegister);
    }

    @Test
    void aTransferLeavesAVerifiableBagItPackageAndItsRegister() throws Exception {
        String id = duePolicy();
        String original = "移交原件 " + id;
        String hash = upload(id, original, "APPLICATION", "2010-01-05");
        String businessKey = clerk.get("/api/dossiers/" + id).json().get("businessKey").asText();
        String batch = proposeAs("TRANSFER", id);
        approveTwice(batch);
        ApiClient.Reply executed = manager.post("/api/dispositions/" + batch + "/execute", "");
        assertEquals(200, executed.status(), executed::toString);
        assertEquals("TRANSFERRED", executed.json().get("dossiers").get(0).get("outcome").asText());
        assertEquals(404, clerk.get("/api/dossiers/" + id).status());
        JsonAssert.problem(auditor.get("/api/dispositions/" + batch + "/certificate"), 409);

        ApiClient.Reply bag = auditor.get("/api/dispositions/" + batch + "/package");
        assertEquals(200, bag.status(), bag::toString);
        assertEquals("application/zip", bag.contentType());
        assertEquals(executed.json().get("packageSha256").asText(), hex(MessageDigest.getInstance("SHA-256").digest(bag.body())));
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bag.body()), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        String root = "transfer-" + batch + "/";
        assertTrue(new String(entries.get(root + "bagit.txt"), StandardCharsets.UTF_8).startsWith("BagIt-Version: 1.0"));
        String itemPath = "data/" + id + "/items/0001-APPLICATION.txt";
        assertEquals(original, new String(entries.get(root + itemPath), StandardCharsets.UTF_8));
        String manifest = new String(entries.get(root + "manifest-sha256.txt"), StandardCharsets.UTF_8);
        assertTrue(manifest.contains(hash + "  " + itemPath), manifest);
        String metadata = new String(entries.get(root + "data/" + id + "/metadata.json"), StandardCharsets.UTF_8);
        assertTrue(metadata.contains(businessKey) && metadata.contains("INS-87-SHORT"), metadata);
        assertTrue(entries.containsKey(root + "tagmanifest-sha256.txt"));

        String register = auditor.get(ApiClient.query("/api/reports/transfer-register", Map.of("format", "csv"))).text();
        assertTrue(register.contains(auditor.get("/api/dispositions/" + batch).json().get("number").asText())
                && register.contains(businessKey), register);
        assertFalse(auditor.get(ApiClient.query("/api/reports/destruction-register", Map.of("format", "csv"))).text()
                .contains(businessKey));
    }

    @Test
    void aHoldOnASavedSearchCoversTheDossiersItFinds() {
        String marker = "诉讼检索" + Users.unique("s").replaceAll("[^a-z0-9]", "");
        List<String> found = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ObjectNode body = Dossiers.underwriting("家财险", DEPARTMENT).put("title", "王芳 家财险 " + marker + " 保单 " + i);
            found.add(Dossiers.create(clerk, body).get("id").asText());
        }
        String other = policy("2025-01-01", "2025-12-31");
        // Other dossiers share the marker's first words, so the wait is for these two to be indexed.
        Await.until(() -> manager.get(ApiClient.query("/api/search", Map.of("q", marker, "size", "50"))).json(),
                result -> found.stream().allMatch(result.toString()::contains));
        JsonAssert.problem(manager.post("/api/holds", Map.of("reason", "检索冻结", "caseReference", "C-" + marker,
                "search", Map.of("q", "不存在的词" + marker + "无"))), 422);
        ApiClient.Reply placed = manager.post("/api/holds", Map.of("reason", "同一投保人的全部保单涉诉", "caseReference",
                "C-" + marker, "search", Map.of("q", marker)));
        assertEquals(201, placed.status(), placed::toString);
        assertEquals(new java.util.TreeSet<>(found), new java.util.TreeSet<>(ApiClient.JSON.convertValue(
                placed.json().get("dossierIds"), List.class)));
        assertTrue(placed.json().get("search").asText().contains(marker));
        for (String id : found) {
            assertEquals("C-" + marker, retention(id).get("holds").get(0).get("caseReference").asText());
            JsonAssert.problem(clerk.upload(id, "补充".getBytes(StandardCharsets.UTF_8), "more.txt",
                    Dossiers.itemMetadata("补充", "OTHER")), 409);
        }
        assertEquals(0, retention(other).get("holds").size());
    }

    @Test
    void aHoldOnASavedSearchLeavesOutWhatThePlacerMayNotRead() {
        String marker = "检索保全" + Users.unique("h").replaceAll("[^a-z0-9]", "");
        ApiClient secretClerk = Users.create("rsclerk", "SECRET", DEPARTMENT, "CLERK");
        ApiClient confidentialManager = Users.create("rcmanager", "CONFIDENTIAL", DEPARTMENT, "ARCHIVE_MANAGER");
        String readable = Dossiers.create(clerk, Dossiers.underwriting("家财险", DEPARTMENT)
                .put("title", "赵敏 家财险 " + marker + " 保单")).get("id").asText();
        String secret = Dossiers.create(secretClerk, Dossiers.underwriting("家财险", DEPARTMENT)
                .put("securityLevel", "SECRET").put("title", "赵敏 家财险 " + marker + " 涉密保单")).get("id").asText();
        // Other classes' dossiers share the marker's first words, so the wait is for these two to be
        // indexed, as one who reads both finds them; the manager would find the secret one by title only.
        Await.until(() -> secretClerk.get(ApiClient.query("/api/search", Map.of("q", marker, "size", "50"))).json(),
                result -> result.toString().contains(readable) && result.toString().contains(secret));

        ApiClient.Reply placed = confidentialManager.post("/api/holds", Map.of("reason", "同一投保人涉诉", "caseReference",
                "C-" + marker, "search", Map.of("q", marker)));
        assertEquals(201, placed.status(), placed::toString);
        assertEquals(List.of(readable), ApiClient.JSON.convertValue(placed.json().get("dossierIds"), List.class));
        assertEquals(0, retention(secret).get("holds").size());

        JsonAssert.problem(confidentialManager.post("/api/holds", Map.of("reason", "点名冻结", "caseReference", "D-" + marker,
                "dossierIds", List.of(secret))), 404);
    }

    @Test
    void aLoanLendsAManagerReadingButNotTheKeepingOfTheRecord() {
        ApiClient secretClerk = Users.create("rlclerk", "SECRET", DEPARTMENT, "CLERK");
        ApiClient head = Users.create("rlhead", "SECRET", DEPARTMENT, "DEPARTMENT_HEAD");
        ApiClient borrower = Users.create("rlmanager", "CONFIDENTIAL", DEPARTMENT, "ARCHIVE_MANAGER");
        String secret = Dossiers.create(secretClerk, Dossiers.underwriting("家财险", DEPARTMENT).put("securityLevel", "SECRET")
                .put("policyStart", "2005-01-01").put("policyEnd", "2005-12-31")).get("id").asText();
        JsonAssert.problem(borrower.get("/api/dossiers/" + secret), 403);

        JsonNode loan = Loans.lend(borrower, secret, "核对续保条款", 7, "同意，仅限查阅", head, manager);
        assertEquals("ACTIVE", loan.get("status").asText(), loan::toString);
        assertEquals(200, borrower.get("/api/dossiers/" + secret).status(), "the loan lends reading");

        String appraisal = "经鉴定，该保单档案涉及未决诉讼，延期保管。";
        JsonAssert.problem(borrower.post("/api/retention/extensions", Map.of("dossierIds", List.of(secret),
                "reviewDate", "2035-12-31", "appraisal", appraisal)), 403);
        JsonAssert.problem(borrower.post("/api/dispositions", Map.of("dossierIds", List.of(secret), "action", "DESTROY",
                "appraisal", appraisal)), 403);
        JsonAssert.problem(borrower.post("/api/holds", Map.of("reason", "借阅人冻结", "caseReference", "L-" + secret,
                "dossierIds", List.of(secret))), 403);
        assertEquals(0, retention(secret).get("holds").size(), "nothing was kept by the borrower");
        for (String operation : List.of("retention.extend", "disposition.propose", "hold.place")) {
            AuditQueries.assertDenied(auditor, borrower, "dossier:" + secret, operation);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static long count(String sql, Object... parameters) {
        return ((Number) Database.query(sql, parameters).get(0).get("count")).longValue();
    }

    private static boolean objectExists(String sha256) throws Exception {
        MinioClient client = MinioClient.builder().endpoint(System.getProperty("it.s3.endpoint"))
                .credentials(System.getProperty("it.s3.access.key"), System.getProperty("it.s3.secret.key")).build();
        try {
            client.statObject(StatObjectArgs.builder().bucket("archive-it")
                    .object("sha256/" + sha256.substring(0, 2) + "/" + sha256).build());
            return true;
        } catch (ErrorResponseException e) {
            return false;
        }
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 归档: completeness, the archive manager's exception, archival codes, the closing year, frozen content. */
class SealingIT extends ServerTestBase {

    private static final Pattern CODE = Pattern.compile("F01-CL·(\\d{4})-(D\\d{2}|Y)-(\\w+)-(\\d{4})");
    private static final List<String> MOTOR_CLAIM = List.of("FIRST_NOTICE_OF_LOSS", "SURVEY_REPORT", "LOSS_ASSESSMENT",
            "REPAIR_INVOICE", "PAYMENT_VOUCHER");

    private static ApiClient clerk;
    private static ApiClient manager;

    @BeforeAll
    static void users() {
        clerk = Users.create("clerk", "CONFIDENTIAL", "档案室", "CLERK");
        manager = Users.create("manager", "SECRET", "档案室", "ARCHIVE_MANAGER");
    }

    private static String motorClaim(String department, String lossDate, List<String> documentTypes) {
        String id = Dossiers.create(clerk, Dossiers.claim("车险", department, "INTERNAL").put("lossDate", lossDate))
                .get("id").asText();
        for (String type : documentTypes) {
            ApiClient.Reply reply = clerk.upload(id, (type + " " + id).getBytes(StandardCharsets.UTF_8), type + ".txt",
                    Dossiers.itemMetadata(type, type));
            assertEquals(201, reply.status(), reply::toString);
        }
        return id;
    }

    private static void close(String id, String date) {
        ApiClient.Reply reply = clerk.post("/api/dossiers/" + id + "/events", Map.of("event", "CLAIM_CLOSED", "date", date));
        assertEquals(201, reply.status(), reply::toString);
    }

    @Test
    void anIncompleteDossierIsRefusedWithWhatIsMissing() {
        String id = motorClaim("理赔部", "2025-03-02", List.of("FIRST_NOTICE_OF_LOSS", "SURVEY_REPORT"));
        close(id, "2025-04-01");
        ApiClient.Reply refused = clerk.post("/api/dossiers/" + id + "/seal", "");
        JsonAssert.problem(refused, 422);
        Set<String> missing = new TreeSet<>();
        refused.json().get("missing").forEach(type -> missing.add(type.asText()));
        assertEquals(new TreeSet<>(List.of("LOSS_ASSESSMENT", "REPAIR_INVOICE", "PAYMENT_VOUCHER")), missing);

        ApiClient.Reply clerkException = clerk.post("/api/dossiers/" + id + "/seal", Map.of("exceptionReason", "原件遗失"));
        assertEquals(422, clerkException.status(), "only the archive manager may make an exception");

        ApiClient.Reply sealed = manager.post("/api/dossiers/" + id + "/seal", Map.of("exceptionReason", "维修发票原件遗失，已由修理厂出具证明"));
        assertEquals(200, sealed.status(), sealed::toString);
        assertEquals("维修发票原件遗失，已由修理厂出具证明", sealed.json().get("completenessException").asText());
        Matcher code = CODE.matcher(sealed.json().get("archivalCode").asText());
        assertTrue(code.matches(), sealed::toString);
        assertEquals("D10", code.group(2), "without its payment voucher the claim keeps the insurance-law period");
    }

    @Test
    void aClaimSpanningYearsFilesUnderTheYearItClosedAndThenFreezes() {
        String id = motorClaim("理赔部", "2024-12-20", MOTOR_CLAIM);
        JsonAssert.problem(clerk.post("/api/dossiers/" + id + "/seal", ""), 422);
        close(id, "2025-01-10");
        ApiClient.Reply sealed = clerk.post("/api/dossiers/" + id + "/seal", "");
        assertEquals(200, sealed.status(), sealed::toString);
        JsonNode dossier = sealed.json();
        assertEquals("SEALED", dossier.get("status").asText());
        assertEquals(2025, dossier.get("archivalYear").asInt());
        Matcher code = CODE.matcher(dossier.get("archivalCode").asText());
        assertTrue(code.matches(), dossier::toString);
        assertEquals("2025", code.group(1));
        assertEquals("D30", code.group(2), "a payment voucher is an accounting voucher: 30 years (会计档案管理办法)");
        assertEquals("CL", code.group(3), "理赔部 files under its organisation code");
        assertNotNull(dossier.get("sealedAt").asText());

        JsonAssert.problem(clerk.upload(id, "迟到的材料".getBytes(StandardCharsets.UTF_8), "late.txt",
                Dossiers.itemMetadata("补充材料", "OTHER")), 409);
        JsonAssert.problem(clerk.post("/api/dossiers/" + id + "/seal", ""), 409);
        assertEquals(dossier.get("archivalCode"), clerk.get("/api/dossiers/" + id).json().get("archivalCode"));
    }

    @Test
    void eightConcurrentSealersGetUniqueGapFreeCodes() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = motorClaim("稽核部", "2023-05-0" + (i + 1), MOTOR_CLAIM);
            close(id, "2023-06-30");
            ids.add(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ApiClient.Reply>> replies = new ArrayList<>();
        for (String id : ids) {
            replies.add(pool.submit(() -> clerk.post("/api/dossiers/" + id + "/seal", "")));
        }
        Set<String> codes = new HashSet<>();
        TreeSet<Integer> numbers = new TreeSet<>();
        for (Future<ApiClient.Reply> reply : replies) {
            ApiClient.Reply sealed = reply.get();
            assertEquals(200, sealed.status(), sealed::toString);
            Matcher code = CODE.matcher(sealed.json().get("archivalCode").asText());
            assertTrue(code.matches(), sealed::toString);
            assertEquals("2023", code.group(1));
            codes.add(code.group());
            numbers.add(Integer.parseInt(code.group(4)));
        }
        pool.shutdown();
        assertEquals(8, codes.size(), "unique");
        assertEquals(7, numbers.last() - numbers.first(), "gap-free: " + numbers);
    }

    @Test
    void aOneYearPolicyIsCodedFiveYears() {
        String policy = Dossiers.create(clerk, Dossiers.underwriting("家财险", "承保部")).get("id").asText();
        for (String type : List.of("APPLICATION", "POLICY")) {
            assertEquals(201, clerk.upload(policy, (type + " " + policy).getBytes(StandardCharsets.UTF_8), type + ".txt",
                    Dossiers.itemMetadata(type, type)).status());
        }
        ApiClient.Reply sealed = clerk.post("/api/dossiers/" + policy + "/seal", "");
        assertEquals(200, sealed.status(), sealed::toString);
        String code = sealed.json().get("archivalCode").asText();
        assertTrue(code.matches("F01-UW·2025-D05-UW-\\d{4}"), code + ": 保险法第八十七条, one year or less");
        assertEquals("D05", Database.query("select details::jsonb->>'retentionPeriod' as period from audit_event "
                + "where action = 'DOSSIER_SEALED' and target = ?", "dossier:" + policy).get(0).get("period"));
    }

    @Test
    void eventsAreCheckedAndShownWithTheDossier() {
        String policy = Dossiers.create(clerk, Dossiers.underwriting("家财险", "承保部")).get("id").asText();
        JsonAssert.problem(clerk.post("/api/dossiers/" + policy + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2025-01-01")), 422);
        JsonAssert.problem(clerk.post("/api/dossiers/" + policy + "/events", Map.of("event", "POLICY_TERMINATED", "date", "2999-01-01")), 422);
        JsonAssert.problem(clerk.post("/api/dossiers/" + policy + "/events", Map.of("event", "NOT_AN_EVENT", "date", "2025-01-01")), 400);
        assertEquals(201, clerk.post("/api/dossiers/" + policy + "/events", Map.of("event", "POLICY_TERMINATED", "date", "2025-12-31")).status());
        JsonNode events = clerk.get("/api/dossiers/" + policy).json().get("events");
        assertEquals(1, events.size());
        assertEquals("POLICY_TERMINATED", events.get(0).get("event").asText());
        assertEquals("2025-12-31", events.get(0).get("date").asText());
        JsonNode plan = clerk.get("/api/file-plan").json();
        assertEquals("F01", plan.get("fondsCode").asText());
        assertTrue(plan.get("classes").toString().contains("赔款支付凭证"));
    }
}

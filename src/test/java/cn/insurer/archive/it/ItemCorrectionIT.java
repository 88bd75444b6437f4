package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Before sealing, a clerk corrects what was typed for an item or withdraws a mis-filed one; after
 * sealing the item list is fixed.
 */
class ItemCorrectionIT extends ServerTestBase {

    private static final List<String> FILED_RIGHT = List.of("FIRST_NOTICE_OF_LOSS", "SURVEY_REPORT", "LOSS_ASSESSMENT",
            "REPAIR_INVOICE");

    private static ApiClient clerk;
    private static ApiClient adjuster;
    private static ApiClient auditor;

    @BeforeAll
    static void users() {
        clerk = Users.create("clerk", "CONFIDENTIAL", "档案室", "CLERK");
        adjuster = Users.create("adjuster", "CONFIDENTIAL", "理赔部", "ADJUSTER");
        auditor = Users.create("auditor", "SECRET", "稽核部", "AUDITOR");
    }

    private static String claimFiledRight() {
        String id = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL").put("lossDate", "2025-03-02"))
                .get("id").asText();
        for (String type : FILED_RIGHT) {
            ApiClient.Reply reply = clerk.upload(id, (type + " " + id).getBytes(StandardCharsets.UTF_8), type + ".txt",
                    Dossiers.itemMetadata(type, type));
            assertEquals(201, reply.status(), reply::toString);
        }
        return id;
    }

    @Test
    void aMislabelledPaymentVoucherIsCorrectedAuditedReindexedAndTheDossierSeals() {
        String dossier = claimFiledRight();
        String marker = "赔款支付凭证" + Users.unique("v").replaceAll("[^0-9]", "");
        ApiClient.Reply uploaded = clerk.upload(dossier, ("银行回单 " + dossier).getBytes(StandardCharsets.UTF_8), "回单.txt",
                Dossiers.itemMetadata("其他材料", "OTHER"));
        assertEquals(201, uploaded.status(), uploaded::toString);
        String item = uploaded.json().get("id").asText();
        ApiClient.Reply closed = clerk.post("/api/dossiers/" + dossier + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2025-04-01"));
        assertEquals(201, closed.status(), closed::toString);
        ApiClient.Reply incomplete = clerk.post("/api/dossiers/" + dossier + "/seal", "");
        JsonAssert.problem(incomplete, 422);
        assertTrue(incomplete.json().get("missing").toString().contains("PAYMENT_VOUCHER"), incomplete::toString);

        // Each broken field is named; nothing changes.
        ApiClient.Reply wrongType = clerk.patch("/api/items/" + item, Map.of("documentType", "NO_SUCH_TYPE"));
        JsonAssert.problem(wrongType, 422);
        assertEquals("documentType", wrongType.json().get("errors").get(0).get("field").asText(), wrongType::toString);
        JsonAssert.problem(clerk.patch("/api/items/" + item, Map.of("documentDate", "2999-01-01")), 422);
        JsonAssert.problem(clerk.patch("/api/items/" + item, Map.of("title", "  ")), 422);
        JsonAssert.problem(clerk.patch("/api/items/" + item, Map.of("documentDate", "2025/13/40")), 400);
        JsonAssert.problem(clerk.patch("/api/items/" + item, Map.of("personalData", "是")), 400);
        JsonAssert.problem(clerk.patch("/api/items/" + item, List.of("title")), 400);
        assertEquals("OTHER", clerk.get("/api/items/" + item).json().get("documentType").asText());

        // Someone who may read but not file is refused, and the refusal is in the trail.
        JsonAssert.problem(adjuster.patch("/api/items/" + item, Map.of("title", "我来改")), 403);

        ApiClient.Reply corrected = clerk.patch("/api/items/" + item, Map.of("title", marker, "documentType", "PAYMENT_VOUCHER",
                "documentDate", "2025-03-28", "reason", "上传时选错了文件类型"));
        assertEquals(200, corrected.status(), corrected::toString);
        JsonNode now = clerk.get("/api/items/" + item).json();
        assertEquals(marker, now.get("title").asText());
        assertEquals("PAYMENT_VOUCHER", now.get("documentType").asText());
        assertEquals("2025-03-28", now.get("documentDate").asText());
        assertEquals(uploaded.json().get("sha256"), now.get("sha256"), "the bytes stay as filed");
        assertEquals(uploaded.json().get("itemNumber"), now.get("itemNumber"), "and so does the item's number");

        JsonNode events = AuditQueries.audited(auditor, clerk, "ITEM_CORRECTED", "item:" + item);
        assertEquals(1, events.size(), events::toString);
        JsonNode details = events.get(0).get("details");
        assertEquals("其他材料", details.get("previousTitle").asText(), details::toString);
        assertEquals("OTHER", details.get("previousDocumentType").asText());
        assertEquals("PAYMENT_VOUCHER", details.get("documentType").asText());
        assertEquals("上传时选错了文件类型", details.get("reason").asText());
        JsonNode refusals = auditor.get(ApiClient.query("/api/audit", Map.of("actor", adjuster.username(),
                "action", "ACCESS_DENIED"))).json().get("events");
        assertTrue(refusals.toString().contains("item.correct"), "the refusal is audited: " + refusals);

        // The index follows: the new title finds the item.
        Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", marker))).json(),
                found -> found.get("hits").toString().contains(item));

        ApiClient.Reply sealed = clerk.post("/api/dossiers/" + dossier + "/seal", "");
        assertEquals(200, sealed.status(), "the corrected type completes the dossier: " + sealed);
        JsonAssert.problem(clerk.patch("/api/items/" + item, Map.of("title", "归档后再改")), 409);
        assertEquals(marker, clerk.get("/api/items/" + item).json().get("title").asText());
    }

    @Test
    void aCorrectionThatChangesNothingLeavesNoTraceAndAPersonalDataMarkIsOne() {
        String dossier = claimFiledRight();
        String item = clerk.get("/api/dossiers/" + dossier).json().get("items").get(0).get("id").asText();
        JsonNode before = clerk.get("/api/items/" + item).json();
        ApiClient.Reply same = clerk.patch("/api/items/" + item, Map.of("title", before.get("title").asText(),
                "documentType", before.get("documentType").asText()));
        assertEquals(200, same.status(), same::toString);
        assertEquals(0, AuditQueries.audited(auditor, clerk, "ITEM_CORRECTED", "item:" + item).size());

        // Marking personal data is a correction like any other (the claim is open, so its purpose runs).
        ApiClient.Reply marked = clerk.patch("/api/items/" + item, Map.of("personalData", true));
        assertEquals(200, marked.status(), marked::toString);
        assertTrue(clerk.get("/api/items/" + item).json().get("personalData").asBoolean());
        JsonNode details = AuditQueries.audited(auditor, clerk, "ITEM_CORRECTED", "item:" + item).get(0).get("details");
        assertEquals("true", details.get("personalData").asText(), details::toString);
        assertEquals("false", details.get("previousPersonalData").asText(), details::toString);
    }

    @Test
    void aMisfiledItemIsWithdrawnKeptStruckThroughOutOfSearchAndCanBeFiledAgain() throws Exception {
        String dossier = claimFiledRight();
        String marker = "误归" + Users.unique("w").replaceAll("[^0-9]", "");
        byte[] bytes = ("赔款支付凭证 " + marker + " " + dossier).getBytes(StandardCharsets.UTF_8);
        ApiClient.Reply misfiled = clerk.upload(dossier, bytes, "凭证.txt", Dossiers.itemMetadata("赔款支付凭证", "PAYMENT_VOUCHER"));
        assertEquals(201, misfiled.status(), misfiled::toString);
        String item = misfiled.json().get("id").asText();
        Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", marker))).json(),
                found -> found.get("hits").toString().contains(item));

        JsonAssert.problem(clerk.post("/api/items/" + item + "/withdrawal", Map.of("reason", "  ")), 422);
        JsonAssert.problem(clerk.post("/api/items/" + item + "/withdrawal", Map.of()), 422);
        JsonAssert.problem(clerk.post("/api/items/" + item + "/withdrawal", List.of("reason")), 400);
        JsonAssert.problem(adjuster.post("/api/items/" + item + "/withdrawal", Map.of("reason", "我来撤")), 403);
        assertEquals(false, clerk.get("/api/items/" + item).json().get("withdrawn").asBoolean(), "nothing changed yet");

        ApiClient.Reply withdrawn = clerk.post("/api/items/" + item + "/withdrawal", Map.of("reason", "误归入本案卷，属另一赔案"));
        assertEquals(200, withdrawn.status(), withdrawn::toString);
        assertTrue(withdrawn.json().get("withdrawn").asBoolean());
        assertEquals("误归入本案卷，属另一赔案", withdrawn.json().get("withdrawalReason").asText());
        assertEquals(clerk.username(), withdrawn.json().get("withdrawnBy").asText());
        JsonAssert.problem(clerk.post("/api/items/" + item + "/withdrawal", Map.of("reason", "再撤一次")), 409);

        JsonNode items = clerk.get("/api/dossiers/" + dossier).json().get("items");
        assertEquals(FILED_RIGHT.size() + 1, items.size(), "the line stays in the item list");
        assertEquals(200, clerk.get("/api/items/" + item + "/content").status(), "its bytes are kept until disposition");
        Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", marker))).json(),
                found -> !found.get("hits").toString().contains(item));

        JsonNode events = AuditQueries.audited(auditor, clerk, "ITEM_WITHDRAWN", "item:" + item);
        assertEquals(1, events.size(), events::toString);
        assertEquals("误归入本案卷，属另一赔案", events.get(0).get("details").get("reason").asText());
        assertEquals("PAYMENT_VOUCHER", events.get(0).get("details").get("documentType").asText());

        // A withdrawn payment voucher does not complete the claim; the same file may be filed again.
        assertEquals(201, clerk.post("/api/dossiers/" + dossier + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2025-04-01")).status());
        ApiClient.Reply incomplete = clerk.post("/api/dossiers/" + dossier + "/seal", "");
        JsonAssert.problem(incomplete, 422);
        assertTrue(incomplete.json().get("missing").toString().contains("PAYMENT_VOUCHER"), incomplete::toString);
        ApiClient.Reply again = clerk.upload(dossier, bytes, "凭证.txt", Dossiers.itemMetadata("赔款支付凭证", "PAYMENT_VOUCHER"));
        assertEquals(201, again.status(), again::toString);
        assertEquals(FILED_RIGHT.size() + 2, again.json().get("itemNumber").asInt(), "numbered after the withdrawn line");
        ApiClient.Reply sealed = clerk.post("/api/dossiers/" + dossier + "/seal", "");
        assertEquals(200, sealed.status(), sealed::toString);
        String other = clerk.get("/api/dossiers/" + dossier).json().get("items").get(0).get("id").asText();
        JsonAssert.problem(clerk.post("/api/items/" + other + "/withdrawal", Map.of("reason", "归档后撤回")), 409);

        ApiClient.Reply list = clerk.get("/api/dossiers/" + dossier + "/item-list?format=csv");
        assertEquals(200, list.status(), list::toString);
        assertTrue(list.text().contains("已撤回：误归入本案卷，属另一赔案"), list::text);
    }

    @Test
    void theArchiveManagerFilesASupplementIntoASealedDossierUnderTheSameCode() {
        ApiClient manager = Users.create("manager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        String dossier = claimFiledRight();
        byte[] late = ("迟到的赔款支付凭证 " + dossier).getBytes(StandardCharsets.UTF_8);
        JsonAssert.problem(manager.supplement(dossier, late, "凭证.txt",
                Dossiers.itemMetadata("赔款支付凭证", "PAYMENT_VOUCHER").put("reason", "结案后补到的凭证")), 409);
        assertEquals(201, clerk.post("/api/dossiers/" + dossier + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2025-04-01")).status());
        Dossiers.seal(manager, dossier);
        String code = clerk.get("/api/dossiers/" + dossier).json().get("archivalCode").asText();

        JsonAssert.problem(clerk.upload(dossier, late, "凭证.txt", Dossiers.itemMetadata("赔款支付凭证", "PAYMENT_VOUCHER")), 409);
        JsonAssert.problem(clerk.supplement(dossier, late, "凭证.txt",
                Dossiers.itemMetadata("赔款支付凭证", "PAYMENT_VOUCHER").put("reason", "我来补")), 403);
        ApiClient.Reply noReason = manager.supplement(dossier, late, "凭证.txt",
                Dossiers.itemMetadata("赔款支付凭证", "PAYMENT_VOUCHER"));
        JsonAssert.problem(noReason, 422);
        assertEquals("metadata.reason", noReason.json().get("errors").get(0).get("field").asText(), noReason::toString);

        ApiClient.Reply supplement = manager.supplement(dossier, late, "凭证.txt",
                Dossiers.itemMetadata("赔款支付凭证", "PAYMENT_VOUCHER").put("reason", "结案后补到的凭证"));
        assertEquals(201, supplement.status(), supplement::toString);
        assertEquals(FILED_RIGHT.size() + 1, supplement.json().get("itemNumber").asInt(), "numbered after the last item");
        assertEquals("结案后补到的凭证", supplement.json().get("supplementReason").asText());
        JsonNode sealed = clerk.get("/api/dossiers/" + dossier).json();
        assertEquals(code, sealed.get("archivalCode").asText(), "the archival code stays");
        assertEquals(FILED_RIGHT.size() + 1, sealed.get("items").size());
        JsonAssert.problem(clerk.post("/api/items/" + supplement.json().get("id").asText() + "/withdrawal",
                Map.of("reason", "补错了")), 409);

        JsonNode events = AuditQueries.audited(auditor, manager, "ITEM_SUPPLEMENTED", "dossier:" + dossier);
        assertEquals(1, events.size(), events::toString);
        assertEquals("结案后补到的凭证", events.get(0).get("details").get("reason").asText());
        assertEquals(code, events.get(0).get("details").get("archivalCode").asText());
        String list = clerk.get("/api/dossiers/" + dossier + "/item-list?format=csv").text();
        assertTrue(list.contains("补充归档：结案后补到的凭证"), list);
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Before sealing, a clerk corrects what was typed for an item; after sealing the item list is fixed. */
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
        assertTrue(refusals.toString().contains("item.upload"), "the refusal is audited: " + refusals);

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
}

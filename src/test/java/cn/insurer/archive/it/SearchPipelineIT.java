package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Upload → store → extract (with OCR) → index → search, end to end in the running server. */
class SearchPipelineIT extends ServerTestBase {

    private static ApiClient clerk;
    private static ApiClient adjuster;
    private static ApiClient outsider;
    private static String dossierId;
    private static Set<String> itemIds;
    private static String marker;

    @BeforeAll
    static void fileChineseDocuments() {
        clerk = Users.create("clerk", "CONFIDENTIAL", "档案室", "CLERK");
        adjuster = Users.create("adjuster", "INTERNAL", "理赔部", "ADJUSTER");
        outsider = Users.create("adjuster", "SECRET", "承保部", "ADJUSTER");
        marker = "沪B" + (10000 + new java.util.Random().nextInt(89999));
        dossierId = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        itemIds = new HashSet<>();
        itemIds.add(upload(ChineseDocuments.pdf("机动车辆保险理赔申请书", "被保险人驾驶车辆" + marker + "发生交通事故，申请理赔。",
                "定损金额一万二千八百元。"), "理赔申请书.pdf", "CLAIM_APPLICATION"));
        itemIds.add(upload(ChineseDocuments.docx("查勘报告", "现场查勘确认车辆" + marker + "前保险杠受损，理赔员建议按定损金额赔付。"),
                "查勘报告.docx", "SURVEY_REPORT"));
        itemIds.add(upload(ChineseDocuments.scan("理赔收据", "赔款支付凭证"), "收据扫描件.png", "PAYMENT_VOUCHER"));
        itemIds.add(upload(ChineseDocuments.imageOnlyPdf("理赔决定通知书", "同意赔付"), "理赔决定扫描件.pdf", "CLAIM_DECISION"));
    }

    private static String upload(byte[] bytes, String name, String type) {
        ApiClient.Reply reply = clerk.upload(dossierId, bytes, name, Dossiers.itemMetadata(name, type));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().get("id").asText();
    }

    @Test
    void everyItemIsExtractedAndTheScanIsReadByOcr() {
        JsonNode dossier = Await.until(() -> clerk.get("/api/dossiers/" + dossierId).json(),
                d -> {
                    for (JsonNode item : d.get("items")) {
                        String state = item.get("extraction").asText();
                        if (state.equals("PENDING") || state.equals("RUNNING")) {
                            return false;
                        }
                    }
                    return true;
                });
        for (JsonNode item : dossier.get("items")) {
            assertEquals("DONE", item.get("extraction").asText(), item::toString);
        }
        JsonNode pdf = dossier.get("items").get(0);
        assertEquals("application/pdf", pdf.get("mediaType").asText());
        assertEquals(1, pdf.get("pages").asInt());

        String scanId = dossier.get("items").get(2).get("id").asText();
        ApiClient.Reply text = clerk.get("/api/items/" + scanId + "/text");
        assertEquals(200, text.status());
        assertTrue(text.text().contains("理赔"), () -> "OCR text: " + text.text());

        String scannedPdfId = dossier.get("items").get(3).get("id").asText();
        ApiClient.Reply scannedPdfText = clerk.get("/api/items/" + scannedPdfId + "/text");
        assertTrue(scannedPdfText.text().contains("理赔决定"), () -> "OCR of the image-only PDF: " + scannedPdfText.text());

        ApiClient.Reply denied = outsider.get("/api/items/" + scanId + "/text");
        assertEquals(403, denied.status());
    }

    @Test
    void aTwoCharacterChineseQueryFindsEveryDocumentWithHighlights() {
        JsonNode result = Await.until(() -> adjuster.get(ApiClient.query("/api/search", Map.of("q", "理赔", "size", "200"))).json(),
                r -> itemHits(r).containsAll(itemIds));
        for (JsonNode hit : result.get("hits")) {
            if (itemIds.contains(hit.path("itemId").asText())) {
                assertFalse(hit.get("restricted").asBoolean());
                assertTrue(hit.get("highlights").toString().contains("<em>理赔</em>"), hit::toString);
            }
        }
        assertTrue(result.get("facets").get("productLine").has("车险"), result::toString);
    }

    @Test
    void hitsAreGroupedUnderTheirDossierWithItsTitleDateAndAmount() {
        JsonNode result = Await.until(() -> adjuster.get(ApiClient.query("/api/search", Map.of("q", marker))).json(),
                r -> itemHits(r).stream().filter(itemIds::contains).count() >= 2);
        JsonNode group = result.get("groups").get(0);
        assertEquals(dossierId, group.get("dossierId").asText(), result::toString);
        assertFalse(group.get("restricted").asBoolean());
        assertTrue(group.get("title").asText().contains("理赔案卷"), group::toString);
        assertEquals("2025-06-18", group.get("date").asText());
        assertEquals(0, new java.math.BigDecimal("12800.00").compareTo(group.get("amount").decimalValue()), group::toString);
        Set<String> grouped = new HashSet<>();
        group.get("items").forEach(item -> grouped.add(item.get("itemId").asText()));
        Set<String> ours = new HashSet<>(itemHits(result));
        ours.retainAll(itemIds);
        assertTrue(ours.size() >= 2 && grouped.equals(ours), "the dossier's matching items are beneath it: " + result);
    }

    @Test
    void filtersNarrowAndOtherDepartmentsSeeNothing() {
        Await.until(() -> adjuster.get(ApiClient.query("/api/search", Map.of("q", marker))).json(),
                r -> itemHits(r).size() == 2);
        JsonNode wrongLine = adjuster.get(ApiClient.query("/api/search", Map.of("q", marker, "productLine", "家财险"))).json();
        assertEquals(0, wrongLine.get("total").asInt());
        JsonNode other = outsider.get(ApiClient.query("/api/search", Map.of("q", marker))).json();
        assertEquals(0, other.get("total").asInt(), other::toString);
        assertFalse(other.toString().contains(dossierId));
        ApiClient.Reply badDate = adjuster.get(ApiClient.query("/api/search", Map.of("q", "理赔", "from", "yesterday")));
        assertEquals(400, badDate.status());
    }

    private static Set<String> itemHits(JsonNode result) {
        Set<String> ids = new HashSet<>();
        result.get("hits").forEach(hit -> {
            if (hit.hasNonNull("itemId")) {
                ids.add(hit.get("itemId").asText());
            }
        });
        return ids;
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A file that cannot be extracted stays stored and downloadable, says why, and can be retried. */
class ExtractionIT extends ServerTestBase {

    @Test
    void aBrokenFileFailsWithAReasonAndCanBeRetried() {
        ApiClient clerk = Users.create("clerk", "INTERNAL", "档案室", "CLERK");
        String dossier = Dossiers.create(clerk, Dossiers.claim("家财险", "理赔部", "INTERNAL")).get("id").asText();
        byte[] junk = "%PDF-1.7\n this is not really a PDF \u0000\u0001\u0002".getBytes(StandardCharsets.ISO_8859_1);
        String item = clerk.upload(dossier, junk, "损坏的定损单.pdf", Dossiers.itemMetadata("损坏的定损单", "LOSS_ASSESSMENT"))
                .json().get("id").asText();
        JsonNode failed = awaitSettled(clerk, item);
        assertEquals("FAILED", failed.get("extraction").asText(), failed::toString);
        assertFalse(failed.get("extractionReason").asText().isBlank());
        assertEquals(200, clerk.get("/api/items/" + item + "/content").status(), "the original stays downloadable");
        JsonAssert.problem(clerk.get("/api/items/" + item + "/text"), 409);

        ApiClient.Reply retried = clerk.post("/api/items/" + item + "/extraction/retry", "");
        assertEquals(200, retried.status(), retried::toString);
        assertEquals("PENDING", retried.json().get("extraction").asText());
        assertEquals("FAILED", awaitSettled(clerk, item).get("extraction").asText());
        assertEquals(1L, ((Number) Database.query("select count(*) as n from audit_event where action = 'EXTRACTION_RETRIED' "
                + "and target = ?", "item:" + item).get(0).get("n")).longValue());

        String good = clerk.upload(dossier, "理赔查勘记录".getBytes(StandardCharsets.UTF_8), "记录.txt",
                Dossiers.itemMetadata("记录", "SURVEY_REPORT")).json().get("id").asText();
        assertEquals("DONE", awaitSettled(clerk, good).get("extraction").asText());
        JsonAssert.problem(clerk.post("/api/items/" + good + "/extraction/retry", ""), 409);
        ApiClient adjuster = Users.create("adjuster", "INTERNAL", "理赔部", "ADJUSTER");
        assertEquals(403, adjuster.post("/api/items/" + item + "/extraction/retry", "").status());
    }

    /** A lease whose worker died with its server runs out, and the item is extracted by whoever claims next. */
    @Test
    void anItemWhoseLeaseRanOutIsExtractedAgain() {
        ApiClient clerk = Users.create("clerk", "INTERNAL", "档案室", "CLERK");
        String dossier = Dossiers.create(clerk, Dossiers.claim("家财险", "理赔部", "INTERNAL")).get("id").asText();
        String item = clerk.upload(dossier, "查勘记录：水管爆裂".getBytes(StandardCharsets.UTF_8), "查勘记录.txt",
                Dossiers.itemMetadata("查勘记录", "SURVEY_REPORT")).json().get("id").asText();
        assertEquals("DONE", awaitSettled(clerk, item).get("extraction").asText());

        Database.query("update item set extraction_state = 'RUNNING', extraction_node = 'node-gone', "
                + "extraction_lease_until = now() - interval '1 minute' where id = cast(? as uuid) returning id", item);

        assertEquals("DONE", awaitSettled(clerk, item).get("extraction").asText());
        assertEquals(List.of(Map.of("released", true)), Database.query(
                "select extraction_node is distinct from 'node-gone' as released from item where id = cast(? as uuid)", item));
    }

    private static JsonNode awaitSettled(ApiClient clerk, String item) {
        return Await.until(() -> clerk.get("/api/items/" + item).json(), i -> {
            String state = i.get("extraction").asText();
            return !state.equals("PENDING") && !state.equals("RUNNING");
        });
    }
}

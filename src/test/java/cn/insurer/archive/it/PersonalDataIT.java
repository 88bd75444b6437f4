package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PIPL: once a claim's purpose has ended, its personal data is for storage and security only; a loan is the exception. */
class PersonalDataIT extends ServerTestBase {

    @Test
    void personalDataOfAClaimClosedLongAgoOpensOnlyThroughALoan() throws Exception {
        ApiClient clerk = Users.create("clerk", "SECRET", "档案室", "CLERK");
        ApiClient adjuster = Users.create("adjuster", "INTERNAL", "理赔部", "ADJUSTER");
        ApiClient head = Users.create("head", "INTERNAL", "理赔部", "DEPARTMENT_HEAD");
        String marker = "账号" + (100000 + new Random().nextInt(899999));
        String dossier = Dossiers.create(clerk, Dossiers.claim("医疗险", "理赔部", "INTERNAL")).get("id").asText();
        ObjectMetadata personal = new ObjectMetadata("身份证及银行卡复印件", "ID_COPY", true);
        String idCopy = clerk.upload(dossier, ("身份证号 110101199001011234 银行" + marker).getBytes(StandardCharsets.UTF_8),
                "身份证.txt", personal.json()).json().get("id").asText();
        String decision = clerk.upload(dossier, ("理赔决定 同意赔付 " + marker).getBytes(StandardCharsets.UTF_8), "决定.txt",
                Dossiers.itemMetadata("理赔决定", "CLAIM_DECISION")).json().get("id").asText();
        assertTrue(clerk.get("/api/items/" + idCopy).json().get("personalData").asBoolean());
        await(clerk, idCopy);
        await(clerk, decision);
        assertEquals(200, adjuster.get("/api/items/" + idCopy + "/text").status(), "while the claim is open");

        String closed = LocalDate.now().minusDays(400).toString();
        Await.until(() -> adjuster.get(ApiClient.query("/api/search", Map.of("q", marker))).json(), r -> r.get("total").asInt() == 2);
        try (AutoCloseable indexing = Database.lock("item_text")) {
            // The indexer reads the items' text, so it cannot learn of the closure yet: until it has,
            // the search leaves the dossier out rather than answer from what the index still says.
            assertEquals(201, clerk.post("/api/dossiers/" + dossier + "/events", Map.of("event", "CLAIM_CLOSED", "date", closed)).status());
            JsonNode meanwhile = adjuster.get(ApiClient.query("/api/search", Map.of("q", marker))).json();
            assertEquals(0, meanwhile.get("total").asInt(), meanwhile::toString);
        }
        assertEquals(403, adjuster.get("/api/items/" + idCopy + "/text").status());
        assertEquals(403, adjuster.get("/api/items/" + idCopy + "/content").status());
        assertEquals(403, clerk.get("/api/items/" + idCopy + "/text").status(), "nobody reads it by standing");
        assertEquals(200, adjuster.get("/api/items/" + decision + "/text").status(), "other items stay readable");
        JsonNode hits = Await.until(() -> adjuster.get(ApiClient.query("/api/search", Map.of("q", marker))).json(),
                r -> r.get("total").asInt() == 1);
        assertEquals(decision, hits.get("hits").get(0).get("itemId").asText(), "search shows only the item still readable");

        String loan = adjuster.post("/api/loans", Map.of("dossierId", dossier, "itemIds", new String[] {idCopy},
                "purpose", "客户投诉复核，需核对账户信息", "kind", "VIEW", "days", 3)).json().get("id").asText();
        assertEquals("ACTIVE", head.post("/api/loans/" + loan + "/approve", Map.of("comment", "同意，仅限核对")).json().get("status").asText());
        assertTrue(adjuster.get("/api/items/" + idCopy + "/text").text().contains("110101199001011234"));
    }

    private static void await(ApiClient clerk, String item) {
        Await.until(() -> clerk.get("/api/items/" + item).json(), i -> i.get("extraction").asText().equals("DONE"));
    }

    private record ObjectMetadata(String title, String documentType, boolean personalData) {

        Map<String, Object> json() {
            return Map.of("title", title, "documentType", documentType, "personalData", personalData);
        }
    }
}

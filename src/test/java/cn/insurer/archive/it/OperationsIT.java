package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OperationsIT extends ServerTestBase {

    @Test
    void healthReportsDatabaseObjectStoreAndIndex() {
        ApiClient.Reply reply = anonymous().get("/health");
        assertEquals(200, reply.status(), reply::toString);
        JsonNode health = reply.json();
        assertEquals("UP", health.get("status").asText());
        String checks = health.get("checks").toString();
        for (String name : List.of("database", "objectStore", "index", "extraction")) {
            assertTrue(checks.contains("\"" + name + "\""), checks);
        }
        assertEquals(200, anonymous().get("/health/live").status());
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        ApiClient.Reply reply = anonymous().get("/openapi");
        assertEquals(200, reply.status());
        String document = reply.text();
        assertTrue(document.contains("/api/dossiers/{id}/items"), document.substring(0, Math.min(500, document.length())));
        assertTrue(document.contains("/api/search"));
        assertTrue(document.contains("/api/users"));
    }

    @Test
    void creationUploadDownloadAndTextReadAreAuditedWithTheActor() throws Exception {
        ApiClient clerk = Users.create("clerk", "INTERNAL", "档案室", "CLERK");
        String clerkName = clerk.username();
        String dossierId = Dossiers.create(clerk, Dossiers.claim("意外险", "理赔部", "INTERNAL")).get("id").asText();
        String itemId = clerk.upload(dossierId, "意外伤害理赔申请".getBytes(StandardCharsets.UTF_8), "申请.txt",
                Dossiers.itemMetadata("申请", "CLAIM_APPLICATION")).json().get("id").asText();
        assertEquals(200, clerk.get("/api/items/" + itemId + "/content").status());
        Await.until(() -> clerk.get("/api/dossiers/" + dossierId).json(),
                d -> d.get("items").get(0).get("extraction").asText().equals("DONE"));
        assertEquals(200, clerk.get("/api/items/" + itemId + "/text").status());

        ApiClient outsider = Users.create("underwriter", "INTERNAL", "承保部", "UNDERWRITER");
        assertEquals(403, outsider.get("/api/items/" + itemId + "/content").status());

        List<Map<String, Object>> events = Database.query(
                "select actor, action, target, outcome from audit_event where target in (?, ?) order by seq",
                "dossier:" + dossierId, "item:" + itemId);
        String trail = events.stream().map(e -> e.get("actor") + " " + e.get("action") + " " + e.get("outcome"))
                .collect(Collectors.joining("\n"));
        assertTrue(trail.contains(clerkName + " DOSSIER_CREATED SUCCESS"), trail);
        assertTrue(trail.contains(clerkName + " ITEM_UPLOADED SUCCESS"), trail);
        assertTrue(trail.contains(clerkName + " CONTENT_READ SUCCESS"), trail);
        assertTrue(trail.contains(clerkName + " TEXT_READ SUCCESS"), trail);
        assertTrue(trail.contains(outsider.username() + " ACCESS_DENIED DENIED"), trail);
        assertTrue(trail.contains("system EXTRACTION_FINISHED SUCCESS"), trail);
    }

    @Test
    void theIndexRebuildsFromTheDatabaseWithTheSameResults() {
        ApiClient clerk = Users.create("clerk", "INTERNAL", "档案室", "CLERK");
        String marker = "重建" + System.nanoTime();
        String dossierId = Dossiers.create(clerk, Dossiers.claim("医疗险", "理赔部", "INTERNAL").put("title", marker + " 医疗理赔"))
                .get("id").asText();
        String query = ApiClient.query("/api/search", Map.of("q", marker));
        JsonNode before = Await.until(() -> clerk.get(query).json(), r -> r.get("total").asInt() == 1);

        ApiClient.Reply started = admin().post("/api/admin/index/rebuild", "");
        assertEquals(202, started.status(), started::toString);
        Await.until(() -> admin().get("/api/admin/index").json(), p -> p.get("state").asText().equals("DONE"));
        JsonNode after = Await.until(() -> clerk.get(query).json(), r -> r.get("total").asInt() == 1);
        assertEquals(before.get("hits").get(0).get("dossierId"), after.get("hits").get(0).get("dossierId"));
        assertEquals(dossierId, after.get("hits").get(0).get("dossierId").asText());
        assertEquals(403, clerk.post("/api/admin/index/rebuild", "").status());
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        List<String> created = List.of(
                Dossiers.create(clerk, Dossiers.claim("医疗险", "理赔部", "INTERNAL").put("title", marker + " 医疗理赔")),
                Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL").put("title", marker + " 车险理赔 追尾")),
                Dossiers.create(clerk, Dossiers.underwriting("家财险", "承保部").put("title", marker + " 家财险承保")))
                .stream().map(dossier -> dossier.get("id").asText()).toList();
        Map<String, String> queries = Map.of(
                "all", ApiClient.query("/api/search", Map.of("q", marker)),
                "claims", ApiClient.query("/api/search", Map.of("q", marker + " 理赔")),
                "by date", ApiClient.query("/api/search", Map.of("q", marker, "sort", "date")),
                "motor only", ApiClient.query("/api/search", Map.of("q", marker, "productLine", "车险")));
        JsonNode all = Await.until(() -> clerk.get(queries.get("all")).json(), r -> r.get("total").asInt() == 3);
        Set<String> found = new java.util.HashSet<>();
        all.get("hits").forEach(hit -> found.add(hit.get("dossierId").asText()));
        assertEquals(Set.copyOf(created), found, all::toString);
        Map<String, String> before = results(clerk, queries);

        ApiClient.Reply started = admin().post("/api/admin/index/rebuild", "");
        assertEquals(202, started.status(), started::toString);
        assertEquals("RUNNING", started.json().get("state").asText(), "the request itself shows the rebuild as running");
        JsonNode done = Await.until(() -> admin().get("/api/admin/index").json(), p -> p.get("state").asText().equals("DONE"));
        assertTrue(done.get("done").asLong() >= created.size(), done::toString);

        assertEquals(before, results(clerk, queries), "the same hits, order, totals and facets after the rebuild");
        assertEquals(403, clerk.post("/api/admin/index/rebuild", "").status());
    }

    /** Per query: total, hit ids in order and facets, which a rebuild must reproduce exactly. */
    private static Map<String, String> results(ApiClient client, Map<String, String> queries) {
        Map<String, String> results = new java.util.TreeMap<>();
        queries.forEach((name, query) -> {
            JsonNode result = client.get(query).json();
            results.put(name, result.get("total").asInt() + " " + hitIds(result) + " " + result.get("facets"));
        });
        return results;
    }

    private static List<String> hitIds(JsonNode result) {
        List<String> ids = new java.util.ArrayList<>();
        result.get("hits").forEach(hit -> ids.add(hit.get("dossierId").asText() + "/" + hit.path("itemId").asText("")));
        return ids;
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search hits pass the access decision: what a caller may not read shows as a title, never as content. */
class SearchAccessIT extends ServerTestBase {

    private static ApiClient clerk;
    private static ApiClient adjuster;
    private static String titleMarker;
    private static String textMarker;
    private static String secretDossier;

    @BeforeAll
    static void file() {
        clerk = Users.create("clerk", "SECRET", "档案室", "CLERK");
        adjuster = Users.create("adjuster", "INTERNAL", "理赔部", "ADJUSTER");
        Random random = new Random();
        titleMarker = "标记" + (100000 + random.nextInt(899999));
        textMarker = "密文" + (100000 + random.nextInt(899999));
        secretDossier = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "CONFIDENTIAL")
                .put("title", "王强 车险 " + titleMarker + " 定损争议")).get("id").asText();
        String item = clerk.upload(secretDossier, ("定损偏低引发诉讼 " + textMarker).getBytes(StandardCharsets.UTF_8), "诉讼材料.txt",
                Dossiers.itemMetadata("诉讼材料", "LAWSUIT_PAPERS")).json().get("id").asText();
        Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", textMarker))).json(),
                r -> r.get("total").asInt() == 1 && item.equals(r.get("hits").get(0).path("itemId").asText()));
    }

    @Test
    void aDossierAboveClearanceShowsOnlyItsTitleAndNothingOfItsContent() {
        JsonNode result = adjuster.get(ApiClient.query("/api/search", Map.of("q", titleMarker))).json();
        assertEquals(1, result.get("total").asInt(), result::toString);
        JsonNode hit = result.get("hits").get(0);
        assertTrue(hit.get("restricted").asBoolean());
        assertEquals(secretDossier, hit.get("dossierId").asText());
        assertTrue(hit.get("title").asText().contains(titleMarker));
        assertFalse(hit.has("highlights"), hit::toString);
        assertFalse(hit.has("itemId"), hit::toString);
        assertFalse(hit.has("productLine"), hit::toString);
        assertFalse(result.get("facets").toString().contains("CONFIDENTIAL"), "facets count only what the caller reads");

        JsonNode byText = adjuster.get(ApiClient.query("/api/search", Map.of("q", textMarker))).json();
        assertEquals(0, byText.get("total").asInt(), "content of unreadable items never matches: " + byText);
        JsonNode filtered = adjuster.get(ApiClient.query("/api/search", Map.of("q", titleMarker, "productLine", "车险"))).json();
        assertEquals(0, filtered.get("total").asInt(), "a filter would reveal the restricted dossier's attributes");
        assertEquals(403, adjuster.get("/api/dossiers/" + secretDossier).status());

        JsonNode full = clerk.get(ApiClient.query("/api/search", Map.of("q", titleMarker))).json();
        assertFalse(full.get("hits").get(0).get("restricted").asBoolean());
    }

    @Test
    void whoMayNotAskToBorrowSeesNoTitleOfWhatTheyMayNotRead() {
        ApiClient administrator = Users.create("sadmin", "SECRET", "信息技术部", "ADMIN");
        ApiClient.Reply reply = administrator.get(ApiClient.query("/api/search", Map.of("q", titleMarker)));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(0, reply.json().get("total").asInt(), reply::toString);
        assertFalse(reply.text().contains(titleMarker), reply::toString);
    }

    @Test
    void similarCasesComeFromWhatTheCallerMayReadWithTheWordsTheyShare() {
        String topic = "水管爆裂导致地板浸泡，家财险理赔查勘确认室内装修受损，定损后按保险条款赔付。";
        List<String> similar = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            similar.add(fileWithText("INTERNAL", "家财险", "水渍 " + i + " " + topic));
        }
        String hidden = fileWithText("CONFIDENTIAL", "家财险", "保密 " + topic);
        String unrelated = fileWithText("INTERNAL", "意外险", "被保险人登山时摔伤，意外险医疗费用报销申请，附门诊病历。");
        String source = similar.get(0);
        JsonNode result = Await.until(() -> adjuster.get("/api/dossiers/" + source + "/similar?size=10").json(),
                r -> ids(r).containsAll(similar.subList(1, 3)));
        List<String> found = ids(result);
        assertFalse(found.contains(source), "not itself");
        assertFalse(found.contains(hidden), "nothing the caller may not read");
        if (found.contains(unrelated)) {
            int last = Math.max(found.indexOf(similar.get(1)), found.indexOf(similar.get(2)));
            assertTrue(last < found.indexOf(unrelated), "the water-damage cases rank above an unrelated one: " + found);
        }
        assertTrue(result.get("sharedTerms").size() > 0);
        assertTrue(result.get("sharedTerms").toString().contains("浸泡") || result.get("sharedTerms").toString().contains("爆裂"),
                result::toString);
        assertEquals(403, adjuster.get("/api/dossiers/" + hidden + "/similar").status());
    }

    private static String fileWithText(String level, String productLine, String text) {
        String id = Dossiers.create(clerk, Dossiers.claim(productLine, "理赔部", level)).get("id").asText();
        String item = clerk.upload(id, text.getBytes(StandardCharsets.UTF_8), "查勘报告.txt",
                Dossiers.itemMetadata("查勘报告", "SURVEY_REPORT")).json().get("id").asText();
        Await.until(() -> clerk.get("/api/items/" + item).json(), i -> i.get("extraction").asText().equals("DONE"));
        return id;
    }

    private static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.get("hits").forEach(hit -> ids.add(hit.get("dossierId").asText()));
        return ids;
    }
}

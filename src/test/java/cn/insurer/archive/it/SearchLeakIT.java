package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What search syntax, bad parameters and similar cases must never reveal about records a caller may
 * not read. Outside the caller's reading scope only the plain words of a query are matched, and only
 * against titles; whatever else the query says must not change what comes back.
 */
class SearchLeakIT extends ServerTestBase {

    private static final Random RANDOM = new SecureRandom();
    private static final List<String> INTERNALS = List.of("cn.insurer", "java.", "Exception", "SearchRequest", "$Order",
            "No enum", "lucene", "Lucene", "at org.", "IllegalArgument");

    private static ApiClient clerk;
    /** PUBLIC clearance, another department: reads nothing of the secret dossier. */
    private static ApiClient outsider;
    private static String secretDossier;
    private static String titleMarker;
    private static String insured;
    private static String contentMarker;
    private static String claimNumber;
    private static String policyNumber;

    @BeforeAll
    static void aSecretClaim() {
        clerk = Users.create("clerk", "SECRET", "档案室", "CLERK");
        outsider = Users.create("adjuster", "PUBLIC", "承保部", "ADJUSTER");
        titleMarker = "标题" + (100000 + RANDOM.nextInt(899999));
        insured = "闻人" + pick("琰玥珺瑾璇琬璟珏琮瑜") + pick("翎翊翾翕翀翮");
        contentMarker = "qzv" + letters(7);
        var body = Dossiers.claim("健康险", "理赔部", "SECRET")
                .put("title", "密卷 " + titleMarker + " 赔案")
                .put("insured", insured);
        ((ObjectNode) body.get("metadata")).put("diagnosis", contentMarker);
        claimNumber = body.get("claimNumber").asText();
        policyNumber = body.get("policyNumber").asText();
        secretDossier = Dossiers.create(clerk, body).get("id").asText();
        String item = clerk.upload(secretDossier, ("住院病历 诊断 " + contentMarker + " 被保险人 " + insured)
                .getBytes(StandardCharsets.UTF_8), "病历.txt", Dossiers.itemMetadata("病历", "MEDICAL_RECORD")).json()
                .get("id").asText();
        Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", contentMarker))).json(),
                r -> r.get("total").asInt() >= 1 && r.toString().contains(item));
    }

    @Test
    void aPlainTitleWordStillFindsTheSecretDossierByItsTitleAlone() {
        JsonNode result = search(titleMarker);
        assertEquals(1, result.get("total").asInt(), result::toString);
        JsonNode hit = result.get("hits").get(0);
        assertEquals(secretDossier, hit.get("dossierId").asText());
        assertTrue(hit.get("restricted").asBoolean());
        assertFalse(hit.has("highlights") || hit.has("itemId") || hit.has("archivalCode"), hit::toString);
        JsonNode group = result.get("groups").get(0);
        assertEquals(secretDossier, group.get("dossierId").asText());
        assertTrue(group.get("restricted").asBoolean());
        assertFalse(group.has("date") || group.has("amount") || group.has("dossier") || !group.get("items").isEmpty(),
                "a restricted dossier is grouped by its title alone: " + group);
        assertFalse(result.toString().contains(insured), result::toString);
    }

    /** Field names, prefixes, patterns, ranges and escapes must not reach what the caller may not read. */
    @Test
    void syntaxInTheQueryNeverReachesFieldsOfAnUnreadableDossier() {
        String stem = contentMarker.substring(0, 6);
        List<String> variants = List.of(
                "content:\"" + insured + "\"", "content:" + insured, "content.words:" + insured, "title.words:" + insured,
                "content:" + contentMarker, "content.words:" + contentMarker, "content:" + stem + "*",
                "content:/" + stem + ".*/", "/" + stem + ".*/", "content:" + contentMarker + "~",
                "content:" + contentMarker + "~2", "content:" + stem + "?" + "*", "content:" + stem + "*" + contentMarker.charAt(8),
                "content:[" + stem + " TO " + stem + "zzz]", "content:{" + stem + " TO " + stem + "zzz}",
                "+content:" + contentMarker, "(content:" + contentMarker + ")", "content\\:" + contentMarker,
                "content：" + contentMarker, "content\uFF1A\"" + insured + "\"", "{!lucene}content:" + contentMarker,
                "{!lucene df=content}" + contentMarker, contentMarker, insured, "\"" + insured + "\"", insured + "^10",
                "\"" + insured + "\"~3", contentMarker + "~1",
                "identifier:" + claimNumber, "identifier:" + claimNumber.toLowerCase(), claimNumber, policyNumber,
                "identifier:" + policyNumber.toLowerCase() + "*",
                "securityLevel:SECRET", "securityLevel:SEC*", "department:理赔部", "department:理*", "status:OPEN",
                "status:SEALED", "id:" + secretDossier, "dossierId:" + secretDossier, "_id:" + secretDossier,
                secretDossier, "kind:dossier", "loanOnlyFrom:[0 TO 99999]", "year:2025", "year:[2000 TO 2030]",
                "type:CLAIM", "productLine:健康险", "*:*", "*", "?", "content:*", "content:?*", "title:*",
                "title:" + titleMarker.substring(0, 2) + "*", "title:/.*/", "-zzzzzz", "NOT zzzzzz", "*:* -zzzzzz");
        List<String> leaks = new ArrayList<>();
        for (String q : variants) {
            ApiClient.Reply reply = outsider.get(ApiClient.query("/api/search", Map.of("q", q, "size", "200")));
            assertTrue(reply.status() == 200 || reply.status() == 400, q + " → " + reply);
            assertNoInternals(q, reply);
            if (reply.text().contains(secretDossier) || reply.text().contains(insured) || reply.text().contains(contentMarker)) {
                leaks.add(q);
            }
        }
        assertEquals(List.of(), leaks, "queries that brought the secret dossier back");
    }

    /**
     * Added to a title word, a condition on other fields must change nothing: what comes back may only
     * depend on the title. Each pair differs only in whether the condition holds for the secret dossier.
     */
    @Test
    void conditionsOnOtherFieldsBesideATitleWordChangeNothing() {
        String wrong = "qzv" + letters(7);
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put(titleMarker + " content:" + contentMarker, titleMarker + " content:" + wrong);
        pairs.put(titleMarker + " -content:" + contentMarker, titleMarker + " -content:" + wrong);
        pairs.put(titleMarker + " AND content:" + contentMarker.substring(0, 6) + "*", titleMarker + " AND content:" + wrong.substring(0, 6) + "*");
        pairs.put(titleMarker + " NOT content:/" + contentMarker.substring(0, 6) + ".*/", titleMarker + " NOT content:/" + wrong.substring(0, 6) + ".*/");
        pairs.put(titleMarker + " +securityLevel:SECRET", titleMarker + " +securityLevel:PUBLIC");
        pairs.put(titleMarker + " -securityLevel:SECRET", titleMarker + " -securityLevel:PUBLIC");
        pairs.put(titleMarker + " -department:理赔部", titleMarker + " -department:承保部");
        pairs.put(titleMarker + " -status:OPEN", titleMarker + " -status:SEALED");
        pairs.put(titleMarker + " -\"" + insured + "\"", titleMarker + " -\"闻人某某\"");
        pairs.put(titleMarker + " -identifier:" + claimNumber.toLowerCase(), titleMarker + " -identifier:cl-00000000");
        pairs.put(titleMarker + " content\\:" + contentMarker, titleMarker + " content\\:" + wrong);
        pairs.put(titleMarker + " content：" + contentMarker, titleMarker + " content：" + wrong);
        pairs.put("(" + titleMarker + " AND content:" + contentMarker + ") OR zzzzzz", "(" + titleMarker + " AND content:" + wrong + ") OR zzzzzz");
        List<String> differences = new ArrayList<>();
        pairs.forEach((holds, fails) -> {
            JsonNode a = search(holds);
            JsonNode b = search(fails);
            boolean shownA = a.toString().contains(secretDossier);
            boolean shownB = b.toString().contains(secretDossier);
            if (shownA != shownB || a.get("total").asInt() != b.get("total").asInt()) {
                differences.add(holds + " (" + shownA + "/" + a.get("total") + ") vs " + fails + " (" + shownB + "/" + b.get("total") + ")");
            }
        });
        assertEquals(List.of(), differences, "answers that depend on the secret dossier's other fields");
    }

    /** Whatever is typed, the answer is a result or a 400 in plain words, never an internal failure. */
    @Test
    void malformedQueriesAnswerWithoutInternals() {
        List<String> queries = new ArrayList<>(List.of("/[/", "content:/[/", "/(/", "/a{1,99999}/", "*:*", "*", "?*", "**",
                "a*b*c*d*e*f*g*h*i*j*k*", "((((", "))", "\"unclosed", "[a TO", "{a TO b]", "{!", "{!func}x", "a:b:c", "\\",
                "x\\", "AND", "OR OR", "NOT", "&&", "||", "-", "+", "!", "~", "^", "x^", "x^99999999999999999999999999999999999999999",
                "x^0", "x~99", "\"a b\"~99999999999", "x~0.5", "content:", ":", "：", "：：", "\u0000", "\uFFFF", "\uD83D\uDE00 理赔",
                "张伟 OR ".repeat(28) + "张伟", "a OR ".repeat(39) + "a", "a ".repeat(99) + "a", "一 ".repeat(99) + "一",
                "(a (b (c (d (e (f (g (h (i (j))))))))))", "[* TO *]", "x:[* TO *]", "date:[0 TO 99999]"));
        for (String q : queries) {
            ApiClient.Reply reply = outsider.get(ApiClient.query("/api/search", Map.of("q", q)));
            assertTrue(reply.status() == 200 || reply.status() == 400, q + " → " + reply);
            assertNoInternals(q, reply);
            if (reply.status() == 400) {
                JsonAssert.problem(reply, 400);
            }
        }
        ApiClient.Reply tooLong = outsider.get(ApiClient.query("/api/search", Map.of("q", "理".repeat(201))), Map.of("Accept-Language", "zh-CN"));
        JsonAssert.problem(tooLong, 400);
        assertNoInternals("201 characters", tooLong);
        assertTrue(tooLong.text().contains("200"), tooLong::toString);
    }

    /** Every bad parameter is a 400 that names the parameter and what it accepts, in the caller's language. */
    @Test
    void badParametersAreNamedInPlainWords() {
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("sort", Map.of("q", "理赔", "sort", "DATE_DESCX"));
        cases.put("sort ", Map.of("q", "理赔", "sort", "java.lang.Object"));
        cases.put("sort  ", Map.of("q", "理赔", "sort", "relevance;drop"));
        cases.put("page", Map.of("q", "理赔", "page", "abc"));
        cases.put("page ", Map.of("q", "理赔", "page", "-1"));
        cases.put("page  ", Map.of("q", "理赔", "page", "99999999999"));
        cases.put("size", Map.of("q", "理赔", "size", "1000"));
        cases.put("size ", Map.of("q", "理赔", "size", "x"));
        cases.put("from", Map.of("q", "理赔", "from", "2025-13-01"));
        cases.put("to", Map.of("q", "理赔", "to", "yesterday"));
        cases.put("to ", Map.of("q", "理赔", "from", "2026-01-01", "to", "2025-01-01"));
        cases.put("type", Map.of("q", "理赔", "type", "FOO"));
        cases.put("securityLevel", Map.of("q", "理赔", "securityLevel", "TOP"));
        cases.put("page   ", Map.of("q", "理赔", "page", "100", "size", "200"));
        for (Map.Entry<String, Map<String, String>> entry : cases.entrySet()) {
            String parameter = entry.getKey().strip();
            for (String language : List.of("zh-CN", "en")) {
                ApiClient.Reply reply = outsider.get(ApiClient.query("/api/search", entry.getValue()),
                        Map.of("Accept-Language", language));
                JsonAssert.problem(reply, 400);
                assertNoInternals(entry.getValue().toString(), reply);
                JsonNode problem = reply.json();
                List<String> fields = new ArrayList<>();
                problem.path("errors").forEach(error -> fields.add(error.get("field").asText()));
                assertTrue(fields.contains(parameter), parameter + " is named: " + reply);
                String messages = problem.path("errors").toString();
                if (language.equals("zh-CN")) {
                    assertTrue(messages.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN),
                            "in Chinese: " + reply);
                }
            }
        }
        ApiClient.Reply sort = outsider.get(ApiClient.query("/api/search", Map.of("q", "理赔", "sort", "x")),
                Map.of("Accept-Language", "en"));
        assertTrue(sort.text().contains("relevance") && sort.text().contains("date"), "the allowed orders: " + sort);
        ApiClient.Reply level = outsider.get(ApiClient.query("/api/search", Map.of("q", "理赔", "securityLevel", "x")),
                Map.of("Accept-Language", "en"));
        assertTrue(level.text().contains("PUBLIC") && level.text().contains("SECRET"), "the allowed levels: " + level);

        for (String order : List.of("relevance", "date", "RELEVANCE", "DATE_DESC", "Date")) {
            assertEquals(200, outsider.get(ApiClient.query("/api/search", Map.of("q", "理赔", "sort", order))).status(), order);
        }
        assertEquals(200, outsider.get(ApiClient.query("/api/search", Map.of("q", "理赔", "type", "claim",
                "securityLevel", "public,INTERNAL", "page", "1", "size", "0"))).status());
        ApiClient.Reply similarSize = outsider.get("/api/dossiers/" + secretDossier + "/similar?size=abc");
        assertTrue(similarSize.status() == 400 || similarSize.status() == 403, similarSize::toString);
        assertNoInternals("similar size", similarSize);
    }

    /** Shared terms come only from items the caller may read: never from an item above their clearance. */
    @Test
    void similarCasesNeverShareWordsOfAnItemAboveTheCallersClearance() {
        ApiClient reader = Users.create("adjuster", "CONFIDENTIAL", "理赔部", "ADJUSTER");
        String secretWord = digits(8);
        String topic = "暴雨导致车库进水，车辆发动机浸水受损，查勘员现场拍照定损，按车损险条款核定赔款。";
        String source = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        String open = upload(source, "INTERNAL", false, "查勘报告 " + topic);
        String secret = upload(source, "SECRET", false, "绝密调查 " + (secretWord + " ").repeat(6) + topic);
        String other = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        String otherItem = upload(other, "INTERNAL", false, "查勘报告 " + secretWord + " " + topic);
        awaitIndexed(secretWord, secret, otherItem);
        awaitIndexed("查勘报告", open);

        JsonNode result = Await.until(() -> reader.get("/api/dossiers/" + source + "/similar?size=10").json(),
                r -> ids(r).contains(other));
        assertTrue(result.get("sharedTerms").size() > 0, result::toString);
        assertFalse(result.get("sharedTerms").toString().contains(secretWord), "a word only the SECRET item has: " + result);
        assertFalse(result.toString().contains(secret), result::toString);

        // The clerk reads the secret item: the same word connects the cases for them, so the test can fail.
        JsonNode full = clerk.get("/api/dossiers/" + source + "/similar?size=10").json();
        assertTrue(full.get("sharedTerms").toString().contains(secretWord), full::toString);
    }

    /**
     * Personal data past its purpose (a claim closed long ago) is for storage only: its words do not
     * connect cases for anyone reading by standing; an item lent to the caller does, its unlent sibling does not.
     */
    @Test
    void similarCasesUseLentItemsButNeitherPersonalDataPastItsPurposeNorUnlentSiblings() {
        ApiClient reader = Users.create("adjuster", "INTERNAL", "理赔部", "ADJUSTER");
        ApiClient otherHead = Users.create("head", "SECRET", "承保部", "DEPARTMENT_HEAD");
        ApiClient manager = Users.create("manager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        String personalWord = digits(8);
        String lentWord = digits(8);
        String unlentWord = digits(8);
        String topic = "被保险人驾车途中追尾前车，交警认定全责，车辆维修费用及第三者财产损失申请理赔。";

        String closed = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        upload(closed, "INTERNAL", false, "事故经过 " + topic);
        String idCopy = upload(closed, "INTERNAL", true, "身份证 银行卡 " + (personalWord + " ").repeat(6) + topic);

        String foreign = Dossiers.create(clerk, Dossiers.claim("车险", "承保部", "INTERNAL")).get("id").asText();
        String lent = upload(foreign, "INTERNAL", false, "维修清单 " + (lentWord + " ").repeat(6) + topic);
        String unlent = upload(foreign, "INTERNAL", false, "内部评估 " + (unlentWord + " ").repeat(6) + topic);

        String readable = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        String readableItem = upload(readable, "INTERNAL", false,
                "事故经过 " + personalWord + " " + lentWord + " " + unlentWord + " " + topic);

        awaitIndexed(personalWord, idCopy, readableItem);
        assertEquals(201, clerk.post("/api/dossiers/" + closed + "/events",
                Map.of("event", "CLAIM_CLOSED", "date", LocalDate.now().minusDays(400).toString())).status());
        awaitIndexed(unlentWord, unlent, readableItem);
        awaitIndexed(lentWord, lent, readableItem);
        Await.until(() -> reader.get(ApiClient.query("/api/search", Map.of("q", personalWord))).json(),
                r -> r.get("total").asInt() >= 1 && !r.toString().contains(idCopy));

        JsonNode pipl = Await.until(() -> reader.get("/api/dossiers/" + closed + "/similar?size=10").json(),
                r -> ids(r).contains(readable));
        assertFalse(pipl.get("sharedTerms").toString().contains(personalWord), "personal data past its purpose: " + pipl);

        JsonAssert.problem(reader.get("/api/dossiers/" + foreign + "/similar"), 403);
        assertEquals(1, ((Number) Database.query("select count(*) as n from audit_event where action = 'ACCESS_DENIED'"
                + " and actor = ? and target = ?", reader.username(), "dossier:" + foreign).get(0).get("n")).intValue(),
                "the refusal is audited");
        String loan = reader.post("/api/loans", Map.of("dossierId", foreign, "itemIds", new String[] {lent},
                "purpose", "类似案件定损参考", "kind", "VIEW", "days", 3)).json().get("id").asText();
        approve(loan, otherHead, manager);
        JsonNode borrowed = Await.until(() -> reader.get("/api/dossiers/" + foreign + "/similar?size=10").json(),
                r -> ids(r).contains(readable));
        assertTrue(borrowed.get("sharedTerms").toString().contains(lentWord), "the lent item is usable: " + borrowed);
        assertFalse(borrowed.get("sharedTerms").toString().contains(unlentWord), "its unlent sibling is not: " + borrowed);
    }

    private static void approve(String loan, ApiClient head, ApiClient manager) {
        ApiClient.Reply reply = head.post("/api/loans/" + loan + "/approve", Map.of("comment", "同意，仅限参考"));
        assertEquals(200, reply.status(), reply::toString);
        if (!reply.json().path("status").asText().equals("ACTIVE")) {
            reply = manager.post("/api/loans/" + loan + "/approve", Map.of("comment", "同意，仅限参考"));
        }
        assertEquals("ACTIVE", reply.json().path("status").asText(), reply::toString);
    }

    private static String upload(String dossier, String level, boolean personalData, String text) {
        Map<String, Object> metadata = Map.of("title", "材料", "documentType", "SURVEY_REPORT", "securityLevel", level,
                "personalData", personalData);
        ApiClient.Reply reply = clerk.upload(dossier, text.getBytes(StandardCharsets.UTF_8), "材料.txt", metadata);
        assertEquals(201, reply.status(), reply::toString);
        String item = reply.json().get("id").asText();
        Await.until(() -> clerk.get("/api/items/" + item).json(), i -> i.get("extraction").asText().equals("DONE"));
        return item;
    }

    private static void awaitIndexed(String word, String... items) {
        Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", word, "size", "50"))).json(),
                r -> java.util.Arrays.stream(items).allMatch(item -> r.toString().contains(item)));
    }

    private static JsonNode search(String q) {
        ApiClient.Reply reply = outsider.get(ApiClient.query("/api/search", Map.of("q", q, "size", "200")));
        assertEquals(200, reply.status(), q + " → " + reply);
        return reply.json();
    }

    private static void assertNoInternals(String what, ApiClient.Reply reply) {
        for (String internal : INTERNALS) {
            assertFalse(reply.text().contains(internal), what + " → " + reply);
        }
    }

    private static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.path("hits").forEach(hit -> ids.add(hit.get("dossierId").asText()));
        return ids;
    }

    private static String pick(String characters) {
        return String.valueOf(characters.charAt(RANDOM.nextInt(characters.length())));
    }

    private static String letters(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return out.toString();
    }

    /** Digits without a leading zero, which the segmenter keeps as one word. */
    private static String digits(int count) {
        StringBuilder out = new StringBuilder().append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < count; i++) {
            out.append(RANDOM.nextInt(10));
        }
        return out.toString();
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access decision as a table: every role × clearance × department against dossiers of every
 * security level, for dossier detail, text, content and search hits; then one borrower through every
 * loan state.
 */
class AccessMatrixIT extends ServerTestBase {

    private static final List<String> LEVELS = List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL", "SECRET");
    private static final List<String> ROLES = List.of("ADJUSTER", "UNDERWRITER", "DEPARTMENT_HEAD", "CLERK", "ARCHIVE_MANAGER",
            "AUDITOR", "ADMIN");
    private static final Set<String> ARCHIVE_WIDE = Set.of("CLERK", "ARCHIVE_MANAGER", "AUDITOR");
    private static final String OWNER = "理赔部";

    private static ApiClient clerk;
    private static String marker;
    private static final Map<String, String[]> BY_LEVEL = new LinkedHashMap<>();

    @BeforeAll
    static void oneDossierPerLevel() {
        clerk = Users.create("clerk", "SECRET", "档案室", "CLERK");
        marker = "矩阵" + (100000 + new Random().nextInt(899999));
        for (String level : LEVELS) {
            String dossier = Dossiers.create(clerk, Dossiers.claim("车险", OWNER, level)).get("id").asText();
            String item = clerk.upload(dossier, (marker + " " + level + " 查勘记录").getBytes(StandardCharsets.UTF_8), "记录.txt",
                    Dossiers.itemMetadata("记录", "SURVEY_REPORT")).json().get("id").asText();
            BY_LEVEL.put(level, new String[] {dossier, item});
        }
        Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", marker, "size", "50"))).json(),
                r -> r.get("total").asInt() == LEVELS.size());
    }

    /** The rule, stated as the archive rules state it. */
    private static boolean expected(String role, String clearance, String department, String level) {
        boolean cleared = LEVELS.indexOf(clearance) >= LEVELS.indexOf(level);
        if (role.equals("ADMIN")) {
            return false;
        }
        return cleared && (ARCHIVE_WIDE.contains(role) || department.equals(OWNER));
    }

    @Test
    void everyRoleClearanceAndDepartmentAgainstEveryLevel() {
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        for (String role : ROLES) {
            for (String clearance : LEVELS) {
                for (String department : List.of(OWNER, "承保部")) {
                    ApiClient user = Users.create(role.toLowerCase(), clearance, department, role);
                    JsonNode hits = user.get(ApiClient.query("/api/search", Map.of("q", marker, "size", "50"))).json();
                    String seen = hits.path("hits").toString();
                    for (String level : LEVELS) {
                        boolean allowed = expected(role, clearance, department, level);
                        String[] ids = BY_LEVEL.get(level);
                        String label = role + "/" + clearance + "/" + department + " on " + level;
                        check(mismatches, label + " dossier", allowed, user.get("/api/dossiers/" + ids[0]).status());
                        check(mismatches, label + " text", allowed, user.get("/api/items/" + ids[1] + "/text").status());
                        check(mismatches, label + " content", allowed, user.get("/api/items/" + ids[1] + "/content").status());
                        if (allowed != seen.contains(ids[1])) {
                            mismatches.add(label + " search hit: expected " + (allowed ? "found" : "absent"));
                        }
                        cases++;
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
        assertEquals(ROLES.size() * 4 * 2 * 4, cases);
    }

    private static void check(List<String> mismatches, String label, boolean allowed, int status) {
        int expected = allowed ? 200 : 403;
        if (status != expected) {
            mismatches.add(label + ": expected " + expected + ", got " + status);
        }
    }

    @Test
    void anItemAboveItsDossiersLevelStaysClosedToReadersOfTheDossier() {
        String dossier = BY_LEVEL.get("INTERNAL")[0];
        String secretItem = clerk.upload(dossier, (marker + " 密 伤残鉴定").getBytes(StandardCharsets.UTF_8), "鉴定.txt",
                Map.of("title", "伤残鉴定", "documentType", "MEDICAL_RECORD", "securityLevel", "SECRET")).json().get("id").asText();
        Await.until(() -> clerk.get("/api/items/" + secretItem).json(), i -> i.get("extraction").asText().equals("DONE"));
        Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", "伤残鉴定"))).json(), r -> r.get("total").asInt() >= 1);
        ApiClient reader = Users.create("adjuster", "CONFIDENTIAL", OWNER, "ADJUSTER");
        assertEquals(200, reader.get("/api/dossiers/" + dossier).status());
        assertEquals(403, reader.get("/api/items/" + secretItem + "/text").status());
        assertEquals(403, reader.get("/api/items/" + secretItem + "/content").status());
        JsonNode hits = reader.get(ApiClient.query("/api/search", Map.of("q", "伤残鉴定"))).json();
        assertTrue(!hits.toString().contains(secretItem), hits::toString);
        JsonAssert.problem(clerk.upload(dossier, "低于案卷密级".getBytes(StandardCharsets.UTF_8), "低.txt",
                Map.of("title", "低", "documentType", "OTHER", "securityLevel", "PUBLIC")), 422);
    }

    @Test
    void aBorrowerThroughEveryLoanState() {
        String[] secret = BY_LEVEL.get("SECRET");
        ApiClient borrower = Users.create("underwriter", "INTERNAL", "承保部", "UNDERWRITER");
        ApiClient head = Users.create("head", "SECRET", OWNER, "DEPARTMENT_HEAD");
        ApiClient manager = Users.create("manager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        String text = "/api/items/" + secret[1] + "/text";
        assertEquals(403, borrower.get(text).status(), "no loan");

        String loan = borrower.post("/api/loans", Map.of("dossierId", secret[0], "purpose", "承保复核", "kind", "VIEW", "days", 5))
                .json().get("id").asText();
        assertEquals(403, borrower.get(text).status(), "requested");
        head.post("/api/loans/" + loan + "/approve", Map.of("comment", "同意"));
        assertEquals(403, borrower.get(text).status(), "half approved");
        manager.post("/api/loans/" + loan + "/approve", Map.of("comment", "同意"));
        assertEquals(200, borrower.get(text).status(), "active");
        assertEquals(403, borrower.get("/api/items/" + BY_LEVEL.get("CONFIDENTIAL")[1] + "/text").status(),
                "a loan opens its own dossier only");
        JsonNode hits = borrower.get(ApiClient.query("/api/search", Map.of("q", marker, "size", "50"))).json();
        assertTrue(hits.toString().contains(secret[1]), "the lent dossier's items are found");
        borrower.post("/api/loans/" + loan + "/return", "");
        assertEquals(403, borrower.get(text).status(), "returned");

        String rejected = borrower.post("/api/loans", Map.of("dossierId", secret[0], "purpose", "再次复核", "kind", "VIEW", "days", 5))
                .json().get("id").asText();
        head.post("/api/loans/" + rejected + "/reject", Map.of("comment", "不同意"));
        assertEquals(403, borrower.get(text).status(), "rejected");

        String expired = borrower.post("/api/loans", Map.of("dossierId", secret[0], "purpose", "三次复核", "kind", "VIEW", "days", 5))
                .json().get("id").asText();
        head.post("/api/loans/" + expired + "/approve", Map.of("comment", "同意"));
        manager.post("/api/loans/" + expired + "/approve", Map.of("comment", "同意"));
        Database.query("update loan set due_at = now() - interval '1 second' where id = ?::uuid returning id", expired);
        assertEquals(403, borrower.get(text).status(), "expired");
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The audit trail is read whole, but what its events record of a dossier or a document (titles,
 * the insured, amounts, file names, hashes, reasons) is shown only to an auditor who may read the
 * record: an auditor below its level sees every event, with those members withheld and named.
 */
class AuditDisclosureIT extends ServerTestBase {

    private static final String SECRET_TITLE = "欧阳秘 重大赔案 理赔案卷";
    private static final String SECRET_INSURED = "欧阳秘";
    private static final String CORRECTION_REASON = "依报案记录更正被保险人";
    private static final String ITEM_TITLE = "董事会批示 密件";

    private static ApiClient clerk;
    private static ApiClient cleared;
    private static ApiClient below;
    private static Users.Account belowAccount;
    private static String secretDossier;
    private static String openDossier;
    private static String secretItem;
    private static String secretItemHash;

    @BeforeAll
    static void secretsAreFiledCorrectedAndRead() {
        clerk = Users.create("adclerk", "SECRET", "档案室", "CLERK");
        cleared = Users.create("adauditor", "SECRET", "稽核部", "AUDITOR");
        belowAccount = Users.account("adlow", "INTERNAL", "稽核部", "AUDITOR");
        below = belowAccount.api();

        secretDossier = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "SECRET").put("title", SECRET_TITLE))
                .get("id").asText();
        ApiClient.Reply corrected = clerk.patch("/api/dossiers/" + secretDossier,
                Map.of("insured", SECRET_INSURED, "claimAmount", "880000.00", "reason", CORRECTION_REASON));
        assertEquals(200, corrected.status(), corrected::toString);

        // An internal dossier the low auditor may read, holding one secret document they may not.
        openDossier = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        ApiClient.Reply uploaded = clerk.upload(openDossier, ("密件正文 " + openDossier).getBytes(StandardCharsets.UTF_8),
                "董事会批示.txt", Dossiers.itemMetadata(ITEM_TITLE, "SURVEY_REPORT").put("securityLevel", "SECRET"));
        assertEquals(201, uploaded.status(), uploaded::toString);
        secretItem = uploaded.json().get("id").asText();
        secretItemHash = uploaded.json().get("sha256").asText();
        assertEquals(200, clerk.get("/api/items/" + secretItem + "/content").status());
    }

    private static JsonNode events(ApiClient auditor, String target) {
        ApiClient.Reply reply = auditor.get(ApiClient.query("/api/audit", Map.of("actor", clerk.username(), "target", target)));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().get("events");
    }

    private static List<String> withheld(JsonNode details) {
        List<String> names = new ArrayList<>();
        details.path("withheld").forEach(name -> names.add(name.asText()));
        return names;
    }

    @Test
    void anAuditorBelowADossiersLevelSeesItsEventsButNotWhatTheyRecordOfIt() {
        JsonNode full = events(cleared, "dossier:" + secretDossier);
        JsonNode shown = events(below, "dossier:" + secretDossier);
        assertEquals(full.size(), shown.size(), "every event stays listed: " + shown);
        assertTrue(full.toString().contains(SECRET_INSURED) && full.toString().contains(CORRECTION_REASON),
                "an auditor cleared for the dossier reads what was corrected: " + full);
        for (String secret : List.of(SECRET_TITLE, SECRET_INSURED, CORRECTION_REASON, "880000")) {
            assertFalse(shown.toString().contains(secret), secret + " is not shown below the dossier's level: " + shown);
        }
        for (int i = 0; i < full.size(); i++) {
            assertEquals(full.get(i).get("seq"), shown.get(i).get("seq"));
            assertEquals(full.get(i).get("hash"), shown.get(i).get("hash"), "the chain is shown as it is");
            assertEquals(full.get(i).get("action"), shown.get(i).get("action"));
        }
        JsonNode correction = correctionIn(shown);
        assertTrue(correction != null, "the correction names what it withholds: " + shown);
        assertTrue(withheld(correction.get("details")).containsAll(List.of("insured", "previousInsured", "claimAmount", "reason")),
                correction.toString());
        assertFalse(correction.get("details").has("insured"), correction.toString());
    }

    @Test
    void theDeskSaysWhatItLeftOutInWordsAndShowsNoneOfIt() {
        try (Browser browser = Browser.open()) {
            browser.signIn(belowAccount);
            browser.go("/ui/audit.xhtml");
            browser.type(By.id("audit:actor"), clerk.username());
            browser.click(By.id("audit:search"));
            String trail = browser.text(By.id("audit:events"));
            assertTrue(trail.contains("未显示（您无权查阅该记录）"), trail);
            assertTrue(trail.contains("被保险人") && trail.contains("原因"), "what was left out is named in words: " + trail);
            for (String secret : List.of(SECRET_TITLE, SECRET_INSURED, CORRECTION_REASON, "880000", "董事会批示.txt",
                    secretItemHash.substring(0, 12))) {
                assertFalse(trail.contains(secret), secret + " in " + trail);
            }
            assertFalse(trail.contains("withheld") || trail.contains("previousInsured"), "no member codes: " + trail);
            browser.screenshot("audit-withheld");
        }
    }

    @Test
    void whatStaffWroteAboutALoanOrAHoldOfTheDossierIsWithheldToo() {
        ApiClient adjuster = Users.create("adadjuster", "INTERNAL", "理赔部", "ADJUSTER");
        ApiClient head = Users.create("adhead", "SECRET", "理赔部", "DEPARTMENT_HEAD");
        ApiClient manager = Users.create("admanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        String approval = "同意，限" + SECRET_INSURED + "诉讼参考";
        String loanId = Loans.lend(adjuster, secretDossier, "类似案件参考", 3, approval, head, manager).get("id").asText();
        ApiClient.Reply placed = manager.post("/api/holds", Map.of("reason", SECRET_INSURED + "涉诉", "caseReference",
                "(2026)沪01民初" + loanId.substring(0, 4) + "号", "dossierIds", List.of(secretDossier)));
        assertEquals(201, placed.status(), placed::toString);
        String release = "与" + SECRET_INSURED + "和解";
        String hold = placed.json().get("id").asText();
        assertEquals(200, manager.post("/api/holds/" + hold + "/release", Map.of("comment", release)).status());

        for (String target : List.of("loan:" + loanId, "hold:" + hold)) {
            JsonNode full = cleared.get(ApiClient.query("/api/audit", Map.of("target", target))).json().get("events");
            JsonNode shown = below.get(ApiClient.query("/api/audit", Map.of("target", target))).json().get("events");
            assertEquals(full.size(), shown.size(), target + ": " + shown);
            assertTrue(full.toString().contains(SECRET_INSURED), "a cleared auditor reads what was written: " + full);
            assertFalse(shown.toString().contains(SECRET_INSURED), target + ": " + shown);
            assertTrue(shown.toString().contains("\"withheld\""), target + ": " + shown);
        }
    }

    private static JsonNode correctionIn(JsonNode events) {
        for (JsonNode event : events) {
            if (event.get("action").asText().equals("DOSSIER_CORRECTED")) {
                return event;
            }
        }
        return null;
    }

    @Test
    void aSecretDocumentInADossierTheAuditorReadsIsWithheldEverywhereItIsNamed() {
        JsonNode filing = events(below, "dossier:" + openDossier);
        assertTrue(filing.size() >= 2, "the dossier's creation and the filing are listed: " + filing);
        assertFalse(filing.toString().contains(ITEM_TITLE) || filing.toString().contains(secretItemHash)
                || filing.toString().contains("董事会批示.txt"), "the document's title, file name and hash are withheld: " + filing);
        assertTrue(filing.toString().contains(secretItem), "the event still says which document it was: " + filing);
        assertTrue(events(cleared, "dossier:" + openDossier).toString().contains(secretItemHash), "a cleared auditor reads it");

        JsonNode read = events(below, "item:" + secretItem);
        assertEquals(1, read.size(), read.toString());
        assertFalse(read.toString().contains(secretItemHash), read.toString());
        assertTrue(withheld(read.get(0).get("details")).contains("sha256"), read.toString());

        ApiClient.Reply register = below.get(ApiClient.query("/api/reports/access-log", Map.of("format", "csv",
                "actor", clerk.username())));
        assertEquals(200, register.status(), register::toString);
        assertTrue(register.text().contains("item:" + secretItem), "the read is in the access log: " + register.text());
        assertFalse(register.text().contains(secretItemHash), "without the document's hash: " + register.text());
        ApiClient.Reply full = cleared.get(ApiClient.query("/api/reports/access-log", Map.of("format", "csv",
                "actor", clerk.username())));
        assertTrue(full.text().contains(secretItemHash), "which a cleared auditor reads: " + full.text());
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registers tell no more than the lists of the API: archive managers and auditors cleared for
 * INTERNAL download the custody register, the due list, the loan register and the hold register
 * without a word of a SECRET dossier, while those cleared for SECRET see it, and each register's
 * header says which levels it is limited to.
 */
class RegisterAccessIT extends ServerTestBase {

    private static final List<String> MOTOR_CLAIM = List.of("FIRST_NOTICE_OF_LOSS", "SURVEY_REPORT", "LOSS_ASSESSMENT",
            "REPAIR_INVOICE", "PAYMENT_VOUCHER");

    private static ApiClient clerk;
    private static ApiClient lowManager;
    private static ApiClient lowAuditor;
    private static ApiClient highManager;
    private static ApiClient secondManager;
    private static ApiClient highAuditor;
    private static ApiClient borrower;

    /** Title, business key and archival code of a sealed SECRET claim. */
    private static List<String> sealedSecret;
    /** Title and business key of a SECRET policy due for disposition, held under a case number. */
    private static List<String> dueSecret;
    private static String dueInternalKey;
    private static String loanPurpose;

    @BeforeAll
    static void secretDossiers() {
        clerk = Users.create("gclerk", "SECRET", "档案室", "CLERK");
        lowManager = Users.create("gmanager", "INTERNAL", "档案室", "ARCHIVE_MANAGER");
        lowAuditor = Users.create("gauditor", "INTERNAL", "稽核部", "AUDITOR");
        highManager = Users.create("gmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        secondManager = Users.create("gmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        highAuditor = Users.create("gauditor", "SECRET", "稽核部", "AUDITOR");
        borrower = Users.create("gadjuster", "INTERNAL", "理赔部", "ADJUSTER");

        String claim = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "SECRET").put("lossDate", "2024-03-02"))
                .get("id").asText();
        for (String type : MOTOR_CLAIM) {
            ApiClient.Reply uploaded = clerk.upload(claim, (type + " " + claim).getBytes(StandardCharsets.UTF_8), type + ".txt",
                    Dossiers.itemMetadata(type, type));
            assertEquals(201, uploaded.status(), uploaded::toString);
        }
        assertEquals(201, clerk.post("/api/dossiers/" + claim + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2024-04-01")).status());
        ApiClient.Reply sealed = clerk.post("/api/dossiers/" + claim + "/seal", "");
        assertEquals(200, sealed.status(), sealed::toString);
        sealedSecret = List.of(sealed.json().get("title").asText(), sealed.json().get("businessKey").asText(),
                sealed.json().get("archivalCode").asText());

        loanPurpose = "机密案件诉讼参考" + Users.unique("p");
        ApiClient.Reply loan = borrower.post("/api/loans", Map.of("dossierId", claim, "purpose", loanPurpose, "kind", "VIEW", "days", 7));
        assertEquals(201, loan.status(), loan::toString);

        String policy = duePolicy("SECRET");
        String caseReference = "(2026)沪0115民初" + Users.unique("c");
        ApiClient.Reply held = highManager.post("/api/holds", Map.of("reason", "机密保单涉诉", "caseReference", caseReference,
                "dossierIds", List.of(policy)));
        assertEquals(201, held.status(), held::toString);
        JsonNode due = clerk.get("/api/dossiers/" + policy).json();
        dueSecret = List.of(due.get("title").asText(), due.get("businessKey").asText(), caseReference);
        dueInternalKey = clerk.get("/api/dossiers/" + duePolicy("INTERNAL")).json().get("businessKey").asText();
    }

    /** A sealed one-year policy terminated at the end of 2010: due since 2015-12-31, without moving the clock. */
    private static String duePolicy(String level) {
        ObjectNode body = Dossiers.underwriting("家财险", "档案室").put("securityLevel", level)
                .put("policyStart", "2010-01-01").put("policyEnd", "2010-12-31");
        String id = Dossiers.create(clerk, body).get("id").asText();
        ApiClient.Reply event = clerk.post("/api/dossiers/" + id + "/events", Map.of("event", "POLICY_TERMINATED", "date", "2010-12-31"));
        assertEquals(201, event.status(), event::toString);
        Dossiers.seal(highManager, id);
        return id;
    }

    private static String csv(ApiClient reader, String register) {
        ApiClient.Reply reply = reader.get(ApiClient.query("/api/reports/" + register, Map.of("format", "csv")));
        assertEquals(200, reply.status(), reply::toString);
        return reply.text();
    }

    private static void hidden(String register, List<String> secrets) {
        for (ApiClient reader : List.of(lowManager, lowAuditor)) {
            String text = csv(reader, register);
            for (String secret : secrets) {
                assertFalse(text.contains(secret), register + " for " + reader.username() + " names " + secret + ": " + text);
            }
            assertTrue(text.contains("密级：公开、内部；部门：全部"), "the header states the reader's scope: " + text);
        }
    }

    private static void shown(String register, List<String> secrets) {
        for (ApiClient reader : List.of(highManager, highAuditor)) {
            String text = csv(reader, register);
            for (String secret : secrets) {
                assertTrue(text.contains(secret), register + " for " + reader.username() + " lacks " + secret + ": " + text);
            }
            assertTrue(text.contains("密级：公开、内部、秘密、机密；部门：全部"), text);
        }
    }

    @Test
    void theCustodyRegisterNamesNoSecretDossierBelowSecretClearance() {
        hidden("custody-register", sealedSecret);
        shown("custody-register", sealedSecret);
    }

    @Test
    void theDueListNamesNoSecretDossierNorItsHoldBelowSecretClearance() {
        hidden("retention-due", dueSecret);
        shown("retention-due", dueSecret);
        assertTrue(csv(lowManager, "retention-due").contains(dueInternalKey), "what the reader's clearance covers is still listed");
        assertFalse(lowManager.get("/api/retention/due").text().contains(dueSecret.get(1)), "as the API's own due list");
    }

    @Test
    void theLoanRegisterNamesNoSecretDossierNorThePurposeBelowSecretClearance() {
        List<String> secrets = List.of(sealedSecret.get(0), sealedSecret.get(2), loanPurpose);
        hidden("loan-register", secrets);
        shown("loan-register", secrets);
    }

    @Test
    void theHoldRegisterNamesNoSecretDossierNorItsCaseBelowSecretClearance() {
        List<String> secrets = List.of(dueSecret.get(1), dueSecret.get(2));
        hidden("holds", secrets);
        shown("holds", secrets);
    }

    /** The dossier's own row is gone after destruction; its level is still known from its creation. */
    @Test
    void theDestructionRegisterKeepsADestroyedSecretDossierFromLowerClearances() {
        String doomed = duePolicy("SECRET");
        JsonNode dossier = clerk.get("/api/dossiers/" + doomed).json();
        List<String> secrets = List.of(dossier.get("title").asText(), dossier.get("businessKey").asText());
        ApiClient.Reply proposed = highManager.post("/api/dispositions", Map.of("dossierIds", List.of(doomed), "action", "DESTROY",
                "appraisal", "经鉴定，该保单档案已超过保管期限，同意销毁。"));
        assertEquals(201, proposed.status(), proposed::toString);
        String batch = proposed.json().get("id").asText();
        ApiClient.Reply first = secondManager.post("/api/dispositions/" + batch + "/approve", "");
        assertEquals(200, first.status(), first::toString);
        ApiClient.Reply second = highAuditor.post("/api/dispositions/" + batch + "/approve", "");
        assertEquals(200, second.status(), second::toString);
        ApiClient.Reply executed = highManager.post("/api/dispositions/" + batch + "/execute", "");
        assertEquals(200, executed.status(), executed::toString);
        assertEquals("DESTROYED", executed.json().get("dossiers").get(0).get("outcome").asText());
        assertEquals(0, Database.query("select id from dossier where id = ?::uuid", doomed).size());

        hidden("destruction-register", secrets);
        shown("destruction-register", secrets);
    }

    @Test
    void theSpreadsheetAndThePrintTellNoMore() throws Exception {
        String code = sealedSecret.get(2);
        assertFalse(xlsxText(lowAuditor).contains(code));
        assertTrue(xlsxText(highAuditor).contains(code));
        assertFalse(pdfText(lowManager).contains(code));
        assertTrue(pdfText(highManager).contains(code));
    }

    private static String xlsxText(ApiClient reader) throws Exception {
        ApiClient.Reply reply = reader.get(ApiClient.query("/api/reports/custody-register", Map.of("format", "xlsx")));
        assertEquals(200, reply.status(), reply::toString);
        StringBuilder text = new StringBuilder();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(reply.body()))) {
            for (Row row : workbook.getSheetAt(0)) {
                row.forEach(cell -> text.append(cell.toString()).append('\n'));
            }
        }
        return text.toString();
    }

    /** Without white space, as a long archival code may wrap in its column. */
    private static String pdfText(ApiClient reader) throws Exception {
        ApiClient.Reply reply = reader.get(ApiClient.query("/api/reports/custody-register", Map.of("format", "pdf")));
        assertEquals(200, reply.status(), reply::toString);
        try (PDDocument document = Loader.loadPDF(reply.body())) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", "");
        }
    }

    @Test
    void generatingARegisterIsAuditedWithTheScope() {
        csv(lowAuditor, "custody-register");
        List<Map<String, Object>> events = Database.query("select details::text as details from audit_event "
                + "where action = 'REPORT_GENERATED' and actor = ? order by seq desc limit 1", lowAuditor.username());
        assertEquals(1, events.size());
        assertTrue(events.get(0).get("details").toString().contains("密级：公开、内部"), events::toString);
    }
}

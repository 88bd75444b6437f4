package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paper originals out by a clerk's scan and back only by a clerk's check-in; renewals through the same approvers. */
class PaperLoanIT extends ServerTestBase {

    private static ApiClient clerk;
    private static ApiClient otherClerk;
    private static ApiClient borrower;
    private static ApiClient head;
    private static ApiClient manager;
    private static ApiClient auditor;
    private static String dossier;
    private static String archivalCode;

    @BeforeAll
    static void aSealedClaimOnTheShelf() {
        clerk = Users.create("clerk", "SECRET", "档案室", "CLERK");
        otherClerk = Users.create("clerk", "SECRET", "档案室", "CLERK");
        borrower = Users.create("adjuster", "INTERNAL", "理赔部", "ADJUSTER");
        head = Users.create("head", "SECRET", "理赔部", "DEPARTMENT_HEAD");
        manager = Users.create("manager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        auditor = Users.create("auditor", "SECRET", "稽核部", "AUDITOR");
        dossier = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "CONFIDENTIAL")).get("id").asText();
        assertEquals(200, clerk.put("/api/dossiers/" + dossier + "/location", Map.of("room", "一号库房", "shelf", "B-07", "box", "0113")).status());
        assertEquals(201, clerk.post("/api/dossiers/" + dossier + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2025-07-01")).status());
        Dossiers.seal(manager, dossier);
        archivalCode = clerk.get("/api/dossiers/" + dossier).json().get("archivalCode").asText();
    }

    private static JsonNode approvedLoan(ApiClient who, String kind, int days) {
        ApiClient.Reply requested = who.post("/api/loans", Map.of("dossierId", dossier, "purpose", "诉讼需调阅原件", "kind", kind, "days", days));
        assertEquals(201, requested.status(), requested::toString);
        return approve(requested.json().get("id").asText());
    }

    /** The chain for a confidential dossier: its department's head, then the archive manager. */
    private static JsonNode approve(String loan) {
        assertEquals("REQUESTED", head.post("/api/loans/" + loan + "/approve", Map.of("comment", "同意")).json().get("status").asText());
        JsonNode approved = manager.post("/api/loans/" + loan + "/approve", Map.of("comment", "同意，按期归还")).json();
        assertEquals("ACTIVE", approved.get("status").asText(), approved::toString);
        return approved;
    }

    private static ApiClient.Reply handOut(ApiClient who, String loan, String code) {
        return who.post("/api/loans/" + loan + "/hand-out", code == null ? Map.of() : Map.of("code", code));
    }

    private static ApiClient.Reply checkIn(ApiClient who, String loan, String code, String condition) {
        return who.post("/api/loans/" + loan + "/check-in", condition == null ? Map.of("code", code) : Map.of("code", code, "condition", condition));
    }

    private static long events(String action, String loan) {
        return auditor.get(ApiClient.query("/api/audit", Map.of("action", action, "target", "loan:" + loan))).json().get("total").asLong();
    }

    @Test
    void anOriginalLeavesOnlyOnAClerksScanAndComesBackOnlyByTheirCheckIn() {
        JsonNode loan = approvedLoan(borrower, "ORIGINAL", 5);
        String id = loan.get("id").asText();

        JsonAssert.problem(handOut(borrower, id, archivalCode), 403);
        JsonAssert.problem(handOut(clerk, id, null), 422);
        ApiClient.Reply wrongBox = handOut(clerk, id, "ZZ-1999-LP-D10-9999");
        JsonAssert.problem(wrongBox, 422);
        assertTrue(wrongBox.text().contains("ZZ-1999-LP-D10-9999"), wrongBox::toString);
        assertEquals(2, events("LOAN_REFUSED", id), "the missing and the wrong scan are on record");

        JsonNode out = handOut(clerk, id, archivalCode).json();
        assertEquals(clerk.username(), out.get("handedOutBy").asText(), out::toString);
        assertFalse(out.get("handedOutAt").isNull());
        assertEquals("ACTIVE", out.get("status").asText());
        JsonAssert.problem(handOut(otherClerk, id, archivalCode), 409);

        ApiClient.Reply ownReturn = borrower.post("/api/loans/" + id + "/return", "");
        JsonAssert.problem(ownReturn, 409);
        assertTrue(ownReturn.json().get("detail").asText().contains("档案"), ownReturn::toString);
        JsonAssert.problem(clerk.post("/api/loans/" + id + "/return", ""), 409);
        assertEquals("ACTIVE", borrower.get("/api/loans/" + id).json().get("status").asText(), "saying so does not bring it back");

        JsonNode held = clerk.get("/api/loans/originals-out").json();
        JsonNode line = find(held, id);
        assertEquals(borrower.username(), line.get("holder").asText(), held::toString);
        assertEquals(archivalCode, line.get("archivalCode").asText());
        assertEquals("一号库房 / B-07 / 0113", line.get("location").asText());
        assertEquals(out.get("handedOutAt").asText(), line.get("handedOutAt").asText());
        assertEquals(403, borrower.get("/api/loans/originals-out").status());
        JsonNode unclearedView = find(Users.create("clerk", "INTERNAL", "档案室", "CLERK").get("/api/loans/originals-out").json(), id);
        assertTrue(!unclearedView.hasNonNull("archivalCode") && !unclearedView.hasNonNull("title") && !unclearedView.hasNonNull("location"),
                "a clerk below the dossier's level learns who holds a loan, not which dossier: " + unclearedView);

        JsonAssert.problem(checkIn(borrower, id, archivalCode, "完好"), 403);
        JsonAssert.problem(checkIn(clerk, id, archivalCode, null), 422);
        JsonAssert.problem(checkIn(clerk, id, "ZZ-1999-LP-D10-9999", "完好"), 422);
        JsonNode back = checkIn(otherClerk, id, archivalCode, "完好，第3页有折痕").json();
        assertEquals("RETURNED", back.get("status").asText(), back::toString);
        assertEquals("完好，第3页有折痕", back.get("condition").asText());
        assertEquals(otherClerk.username(), back.get("checkedInBy").asText());
        JsonAssert.problem(checkIn(clerk, id, archivalCode, "再次入库"), 409);
        assertTrue(find(clerk.get("/api/loans/originals-out").json(), id) == null, "back on the shelf");

        assertEquals(1, events("LOAN_HANDED_OUT", id));
        assertEquals(1, events("LOAN_CHECKED_IN", id));
        String register = manager.get(ApiClient.query("/api/reports/originals-register", Map.of("format", "csv"))).text();
        assertTrue(register.contains("原件出借登记簿") && register.contains(loan.get("number").asText())
                && register.contains("完好，第3页有折痕") && register.contains("一号库房 / B-07 / 0113"), register);
    }

    @Test
    void nobodyMovesAnOriginalLentToThemselvesNorHandsOutWhatIsNotAnOriginal() {
        JsonNode own = approvedLoan(clerk, "ORIGINAL", 3);
        JsonAssert.problem(handOut(clerk, own.get("id").asText(), archivalCode), 403);
        assertEquals(200, handOut(otherClerk, own.get("id").asText(), archivalCode).status());
        JsonAssert.problem(checkIn(clerk, own.get("id").asText(), archivalCode, "完好"), 403);
        assertEquals("RETURNED", checkIn(otherClerk, own.get("id").asText(), archivalCode, "完好").json().get("status").asText());

        JsonNode view = approvedLoan(borrower, "VIEW", 3);
        JsonAssert.problem(handOut(clerk, view.get("id").asText(), archivalCode), 409);
        JsonAssert.problem(checkIn(clerk, view.get("id").asText(), archivalCode, "完好"), 409);

        JsonNode untouched = approvedLoan(borrower, "ORIGINAL", 3);
        assertEquals("RETURNED", borrower.post("/api/loans/" + untouched.get("id").asText() + "/return", "").json().get("status").asText(),
                "an original never collected can be given up by its borrower");
    }

    @Test
    void aRenewalGoesThroughTheSameApproversAndRunsOnFromTheDueDate() {
        JsonNode loan = approvedLoan(borrower, "VIEW", 3);
        String id = loan.get("id").asText();
        Instant due = Instant.parse(loan.get("dueAt").asText());

        JsonAssert.problem(otherClerk.post("/api/loans/" + id + "/renewal", Map.of("days", 5, "reason", "替他续借")), 403);
        JsonAssert.problem(borrower.post("/api/loans/" + id + "/renewal", Map.of("days", 0, "reason", "开庭延期")), 422);
        JsonAssert.problem(borrower.post("/api/loans/" + id + "/renewal", Map.of("days", 5)), 422);
        JsonAssert.problem(borrower.post("/api/loans/" + id + "/renewal", Map.of("days", 365, "reason", "开庭延期")), 422);
        ApiClient.Reply asked = borrower.post("/api/loans/" + id + "/renewal", Map.of("days", 5, "reason", "开庭延期，需继续参考"));
        assertEquals(201, asked.status(), asked::toString);
        JsonNode renewal = asked.json();
        assertEquals("REQUESTED", renewal.get("status").asText());
        assertEquals(id, renewal.get("renews").asText());
        assertEquals(loan.get("approvalsNeeded"), renewal.get("approvalsNeeded"), "the same approvers as the loan");
        assertEquals(loan.get("coveredItemIds"), renewal.get("coveredItemIds"));
        JsonAssert.problem(borrower.post("/api/loans/" + id + "/renewal", Map.of("days", 2, "reason", "再续")), 409);
        assertEquals(200, borrower.get("/api/dossiers/" + dossier).status(), "the loan still runs while the renewal waits");

        JsonAssert.problem(borrower.post("/api/loans/" + renewal.get("id").asText() + "/approve", Map.of("comment", "自批")), 403);
        JsonNode approved = approve(renewal.get("id").asText());
        // The database keeps microseconds: compare to the millisecond.
        assertEquals(due.plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MILLIS),
                Instant.parse(approved.get("dueAt").asText()).truncatedTo(ChronoUnit.MILLIS), "runs on from the due date");
        assertEquals("RENEWED", borrower.get("/api/loans/" + id).json().get("status").asText());
        assertEquals(1, events("LOAN_RENEWED", id));
        assertEquals(200, borrower.get("/api/dossiers/" + dossier).status());
        JsonAssert.problem(borrower.post("/api/loans/" + id + "/renewal", Map.of("days", 2, "reason", "再续")), 409);

        assertEquals("RETURNED", borrower.post("/api/loans/" + approved.get("id").asText() + "/return", "").json().get("status").asText());
        assertEquals(403, borrower.get("/api/dossiers/" + dossier).status(), "a returned renewal grants nothing");
    }

    @Test
    void aRenewalLapsesWhenItsLoanEndsAndCarriesAnOriginalThatIsOut() {
        JsonNode loan = approvedLoan(borrower, "VIEW", 3);
        JsonNode waiting = borrower.post("/api/loans/" + loan.get("id").asText() + "/renewal", Map.of("days", 2, "reason", "补充材料")).json();
        borrower.post("/api/loans/" + loan.get("id").asText() + "/return", "");
        assertEquals("CANCELLED", borrower.get("/api/loans/" + waiting.get("id").asText()).json().get("status").asText());
        JsonAssert.problem(head.post("/api/loans/" + waiting.get("id").asText() + "/approve", Map.of("comment", "同意")), 409);

        JsonNode original = approvedLoan(borrower, "ORIGINAL", 3);
        String id = original.get("id").asText();
        assertEquals(200, handOut(clerk, id, archivalCode).status());
        JsonNode renewal = borrower.post("/api/loans/" + id + "/renewal", Map.of("days", 4, "reason", "庭审延期")).json();
        JsonNode renewed = approve(renewal.get("id").asText());
        assertEquals(clerk.username(), renewed.get("handedOutBy").asText(), "the renewal holds the original that is out");
        JsonNode held = clerk.get("/api/loans/originals-out").json();
        assertTrue(find(held, id) == null && find(held, renewed.get("id").asText()) != null, held::toString);
        JsonAssert.problem(borrower.post("/api/loans/" + renewed.get("id").asText() + "/return", ""), 409);
        assertEquals("RETURNED", checkIn(otherClerk, renewed.get("id").asText(), archivalCode, "完好").json().get("status").asText());
    }

    private static JsonNode find(JsonNode list, String loanId) {
        for (JsonNode line : list) {
            if (line.get("loanId").asText().equals(loanId)) {
                return line;
            }
        }
        return null;
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A view loan requested and taken through its approval chain, for tests about what a loan lends. */
final class Loans {

    private Loans() {
    }

    /** Requests the loan, then has each approver in turn approve it while it still waits; the loan as last answered. */
    static JsonNode lend(ApiClient borrower, String dossierId, String purpose, int days, String comment, ApiClient... approvers) {
        ApiClient.Reply requested = borrower.post("/api/loans", Map.of("dossierId", dossierId, "purpose", purpose,
                "kind", "VIEW", "days", days));
        assertEquals(201, requested.status(), requested::toString);
        JsonNode loan = requested.json();
        for (ApiClient approver : approvers) {
            if (!"REQUESTED".equals(loan.get("status").asText())) {
                break;
            }
            ApiClient.Reply approved = approver.post("/api/loans/" + loan.get("id").asText() + "/approve",
                    Map.of("comment", comment));
            assertEquals(200, approved.status(), approved::toString);
            loan = approved.json();
        }
        return loan;
    }
}

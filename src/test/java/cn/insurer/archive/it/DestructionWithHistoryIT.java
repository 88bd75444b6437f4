package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dossier is destroyed whatever refers to it: loans rejected or returned (with the items they
 * covered), business events, extracted text. What must outlive it, the loan register's lines and
 * the audit trail, still name it afterwards.
 */
class DestructionWithHistoryIT extends ServerTestBase {

    private static final String CLAIMS = "理赔部";

    private static ApiClient clerk;
    private static ApiClient borrower;
    private static ApiClient head;
    private static ApiClient manager;
    private static ApiClient auditor;

    @BeforeAll
    static void users() {
        clerk = Users.create("dhclerk", "SECRET", CLAIMS, "CLERK");
        borrower = Users.create("dhunderwriter", "INTERNAL", "承保部", "UNDERWRITER");
        head = Users.create("dhhead", "SECRET", CLAIMS, "DEPARTMENT_HEAD");
        manager = Users.create("dhmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        auditor = Users.create("dhauditor", "SECRET", "稽核部", "AUDITOR");
    }

    @Test
    void aClaimOnceLentIsDestroyedAndItsLoansStayOnTheRegister() {
        JsonNode claim = Dossiers.create(clerk, Dossiers.claim("车险", CLAIMS, "INTERNAL").put("lossDate", "2015-02-01"));
        String id = claim.get("id").asText();
        String title = claim.get("title").asText();
        String marker = Users.unique("借阅后销毁");
        ApiClient.Reply upload = clerk.upload(id, ("理赔调查报告 " + marker).getBytes(StandardCharsets.UTF_8), "调查报告.txt",
                Dossiers.itemMetadata("调查报告", "SURVEY_REPORT"));
        assertEquals(201, upload.status(), upload::toString);
        String item = upload.json().get("id").asText();
        Await.until(() -> clerk.get("/api/items/" + item).json(), i -> i.get("extraction").asText().equals("DONE"));
        // Closed in 2016 on a policy ended in 2015: due since the end of 2025.
        event(id, "POLICY_TERMINATED", "2015-12-31");
        event(id, "CLAIM_CLOSED", "2016-03-01");

        String rejected = requestLoan(id);
        assertEquals("REJECTED", decide(head, rejected, "reject", "用途不明").json().get("status").asText());
        String returned = requestLoan(id);
        assertEquals("ACTIVE", decide(head, returned, "approve", "同意查阅").json().get("status").asText());
        assertEquals(200, borrower.get("/api/items/" + item + "/text").status(), "the loan opened the item");
        assertEquals("RETURNED", borrower.post("/api/loans/" + returned + "/return", "").json().get("status").asText());

        String batch = propose(id);
        assertEquals(200, manager.post("/api/dispositions/" + batch + "/approve", "").status());
        assertEquals(200, auditor.post("/api/dispositions/" + batch + "/approve", "").status());
        ApiClient.Reply executed = manager.post("/api/dispositions/" + batch + "/execute", "");
        assertEquals(200, executed.status(), executed::toString);
        assertEquals("DESTROYED", executed.json().get("dossiers").get(0).get("outcome").asText(), executed::toString);

        assertEquals(404, clerk.get("/api/dossiers/" + id).status());
        assertEquals(404, clerk.get("/api/items/" + item).status());
        for (String table : List.of("dossier where id", "item where dossier_id", "dossier_event where dossier_id")) {
            assertEquals(0L, count("select count(*) as n from " + table + " = ?::uuid", id), table);
        }
        assertEquals(0L, count("select count(*) as n from item_text where item_id = ?::uuid", item));
        assertEquals(2L, count("select count(*) as n from loan where dossier_id = ?::uuid", id), "the loans are kept");

        // The register still lists both loans with the dossier's title, though the dossier is gone.
        String register = auditor.get(ApiClient.query("/api/reports/loan-register",
                Map.of("format", "csv", "actor", borrower.username()))).text();
        long lines = register.lines().filter(line -> line.contains(title)).count();
        assertEquals(2, lines, register);
        assertTrue(register.contains("已驳回") && register.contains("已归还"), register);
        JsonNode loan = borrower.get("/api/loans/" + returned).json();
        assertEquals("RETURNED", loan.get("status").asText(), loan::toString);
        assertEquals(404, borrower.get("/api/items/" + item + "/text").status(), "nothing of the item is served any more");

        // The trail still says what its events recorded, to an auditor cleared for what the dossier was
        // (judged on its tombstone); one below sees every event with those members withheld.
        // An internal auditor is cleared for the internal claim, not for a record that could not be placed.
        ApiClient internalAuditor = Users.create("dhinternal", "INTERNAL", "稽核部", "AUDITOR");
        ApiClient publicAuditor = Users.create("dhlow", "PUBLIC", "稽核部", "AUDITOR");
        for (String target : List.of("dossier:" + id, "item:" + item)) {
            JsonNode full = internalAuditor.get(ApiClient.query("/api/audit", Map.of("target", target))).json().get("events");
            JsonNode low = publicAuditor.get(ApiClient.query("/api/audit", Map.of("target", target))).json().get("events");
            assertEquals(full.size(), low.size(), target + ": " + low);
            assertTrue(full.toString().contains(upload.json().get("sha256").asText()), target + ": " + full);
            assertFalse(low.toString().contains(upload.json().get("sha256").asText()), target + ": " + low);
            assertTrue(low.toString().contains("\"withheld\""), target + ": " + low);
        }
    }

    private static long count(String sql, String id) {
        return ((Number) Database.query(sql, id).get(0).get("n")).longValue();
    }

    private static void event(String id, String event, String date) {
        ApiClient.Reply reply = clerk.post("/api/dossiers/" + id + "/events", Map.of("event", event, "date", date));
        assertEquals(201, reply.status(), reply::toString);
    }

    private static String requestLoan(String dossier) {
        ApiClient.Reply reply = borrower.post("/api/loans", Map.of("dossierId", dossier, "purpose", "承保核保参考类似理赔",
                "kind", "VIEW", "days", 5));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().get("id").asText();
    }

    private static ApiClient.Reply decide(ApiClient who, String loan, String verb, String comment) {
        ApiClient.Reply reply = who.post("/api/loans/" + loan + "/" + verb, Map.of("comment", comment));
        assertEquals(200, reply.status(), reply::toString);
        return reply;
    }

    private static String propose(String dossier) {
        Dossiers.seal(manager, dossier);
        ApiClient.Reply reply = manager.post("/api/dispositions", Map.of("dossierIds", List.of(dossier), "action", "DESTROY",
                "appraisal", "经鉴定，该理赔案卷已超过保管期限，同意销毁。"));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().get("id").asText();
    }
}

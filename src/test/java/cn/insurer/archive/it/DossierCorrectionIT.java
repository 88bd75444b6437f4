package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 著录更正: a dossier's description corrected with a reason, the old values kept; after sealing only by the archive manager. */
class DossierCorrectionIT extends ServerTestBase {

    private static ApiClient clerk;
    private static ApiClient manager;
    private static ApiClient adjuster;
    private static ApiClient auditor;

    @BeforeAll
    static void users() {
        clerk = Users.create("clerk", "CONFIDENTIAL", "档案室", "CLERK");
        manager = Users.create("manager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        adjuster = Users.create("adjuster", "CONFIDENTIAL", "理赔部", "ADJUSTER");
        auditor = Users.create("auditor", "SECRET", "稽核部", "AUDITOR");
    }

    @Test
    void aClaimsDescriptionIsCorrectedBeforeAndAfterSealingWithTheOldValuesKept() {
        JsonNode created = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL").put("lossDate", "2025-03-02"));
        String id = created.get("id").asText();
        String target = "/api/dossiers/" + id;

        JsonAssert.problem(clerk.patch(target, Map.of("insured", "李娜")), 422);
        ApiClient.Reply fixed = clerk.patch(target, Map.of("claimNumber", "CL-改号", "reason", "录错"));
        JsonAssert.problem(fixed, 422);
        assertEquals("claimNumber", fixed.json().get("errors").get(0).get("field").asText(), fixed::toString);
        JsonAssert.problem(clerk.patch(target, Map.of("lossDate", "2025/03/01", "reason", "录错")), 422);
        JsonAssert.problem(clerk.patch(target, Map.of("title", "", "reason", "录错")), 422);
        JsonAssert.problem(clerk.patch(target, List.of("title")), 400);
        JsonAssert.problem(adjuster.patch(target, Map.of("insured", "李娜", "reason", "我来改")), 403);

        ApiClient.Reply corrected = clerk.patch(target, Map.of("insured", "李娜", "lossDate", "2025-03-01", "claimAmount", "13200.50",
                "reason", "依报案记录更正"));
        assertEquals(200, corrected.status(), corrected::toString);
        assertEquals("李娜", corrected.json().get("insured").asText());
        assertEquals("2025-03-01", corrected.json().get("lossDate").asText());
        JsonNode details = AuditQueries.audited(auditor, clerk, "DOSSIER_CORRECTED", "dossier:" + id).get(0).get("details");
        assertEquals(created.get("insured").asText(), details.get("previousInsured").asText(), details::toString);
        assertEquals("2025-03-02", details.get("previousLossDate").asText());
        assertEquals("13200.50", details.get("claimAmount").asText());
        assertEquals("依报案记录更正", details.get("reason").asText());
        assertEquals(200, clerk.patch(target, Map.of("insured", "李娜", "reason", "再存一次")).status());
        assertEquals(1, AuditQueries.audited(auditor, clerk, "DOSSIER_CORRECTED", "dossier:" + id).size(),
                "a correction that changes nothing leaves no trace");

        assertEquals(201, clerk.post(target + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2025-04-01")).status());
        Dossiers.seal(manager, id);
        String code = clerk.get(target).json().get("archivalCode").asText();
        JsonAssert.problem(clerk.patch(target, Map.of("title", "归档后由档案员更正", "reason", "题名有误")), 403);
        ApiClient.Reply sealedFix = manager.patch(target, Map.of("title", "张伟 车险 理赔案卷（更正）", "reason", "题名漏写险种"));
        assertEquals(200, sealedFix.status(), sealedFix::toString);
        assertEquals(code, sealedFix.json().get("archivalCode").asText(), "the archival code stays");
        JsonNode sealedDetails = AuditQueries.audited(auditor, manager, "DOSSIER_CORRECTED", "dossier:" + id).get(0).get("details");
        assertEquals(created.get("title").asText(), sealedDetails.get("previousTitle").asText());
        assertEquals(code, sealedDetails.get("archivalCode").asText());
        JsonNode refusals = auditor.get(ApiClient.query("/api/audit", Map.of("actor", clerk.username(),
                "action", "ACCESS_DENIED"))).json().get("events");
        assertTrue(refusals.toString().contains("dossier.correct.sealed"), "the refusal is audited: " + refusals);
        Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", "理赔案卷（更正）"))).json(),
                found -> found.get("hits").toString().contains(id));
    }
}

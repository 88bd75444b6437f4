package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A legal hold names its dossiers by the numbers people know (档号, 业务号, 保单号, 赔案号) as well
 * as by id; a number naming several dossiers is refused with the readable ones to choose from, and
 * a dossier the placer may not read is neither held, listed nor told apart from one that does not exist.
 */
class DossierNumbersIT extends ServerTestBase {

    private static final String DEPARTMENT = "理赔部";

    @Test
    void aHoldNamesItsDossiersByArchivalCodePolicyNumberOrId() {
        ApiClient clerk = Users.create("dnclerk", "SECRET", DEPARTMENT, "CLERK");
        ApiClient manager = Users.create("dnmanager", "CONFIDENTIAL", "档案室", "ARCHIVE_MANAGER");

        // A policy with a claim the manager may read and one the manager may not.
        JsonNode policy = Dossiers.create(clerk, Dossiers.underwriting("车险", DEPARTMENT));
        String policyNumber = policy.get("policyNumber").asText();
        JsonNode claim = Dossiers.create(clerk, Dossiers.claim("车险", DEPARTMENT, "INTERNAL").put("policyNumber", policyNumber));
        JsonNode secretClaim = Dossiers.create(clerk, Dossiers.claim("车险", DEPARTMENT, "SECRET").put("policyNumber", policyNumber));
        ApiClient.Reply sealed = manager.post("/api/dossiers/" + policy.get("id").asText() + "/seal",
                Map.of("exceptionReason", "投保单原件由分公司留存，已附说明"));
        assertEquals(200, sealed.status(), sealed::toString);
        String archivalCode = sealed.json().get("archivalCode").asText();

        // A second policy whose only other dossier the manager may not read: its number names one dossier.
        JsonNode lonePolicy = Dossiers.create(clerk, Dossiers.underwriting("家财险", DEPARTMENT));
        String lonePolicyNumber = lonePolicy.get("policyNumber").asText();
        JsonNode hiddenClaim = Dossiers.create(clerk, Dossiers.claim("家财险", DEPARTMENT, "SECRET").put("policyNumber", lonePolicyNumber));

        assertEquals(List.of(policy.get("id").asText()), held(manager, archivalCode), "by archival code");
        assertEquals(List.of(lonePolicy.get("id").asText()), held(manager, lonePolicyNumber),
                "by policy number: the claim the manager may not read is not held");
        assertEquals(List.of(claim.get("id").asText()), held(manager, claim.get("id").asText()), "by id, as before");
        assertEquals(List.of(claim.get("id").asText()), held(manager, " " + claim.get("claimNumber").asText() + " "), "by claim number");

        ApiClient.Reply ambiguous = place(manager, policyNumber);
        JsonAssert.problem(ambiguous, 422);
        assertTrue(ambiguous.json().get("type").asText().endsWith("/ambiguous-reference"), ambiguous::toString);
        String detail = ambiguous.json().get("detail").asText();
        assertTrue(detail.contains(policyNumber) && detail.contains(archivalCode) && detail.contains(claim.get("businessKey").asText())
                && detail.contains("理赔案卷") && detail.contains("承保案卷"), detail);
        List<String> choices = new ArrayList<>();
        ambiguous.json().get("choices").forEach(choice -> choices.add(choice.get("id").asText()));
        assertEquals(List.of(policy.get("id").asText(), claim.get("id").asText()), choices, ambiguous::toString);
        for (JsonNode unreadable : List.of(secretClaim, hiddenClaim)) {
            assertFalse(ambiguous.toString().contains(unreadable.get("id").asText())
                    || ambiguous.toString().contains(unreadable.get("businessKey").asText()), ambiguous::toString);
        }

        ApiClient.Reply unseen = place(manager, secretClaim.get("claimNumber").asText());
        JsonAssert.problem(unseen, 404);
        ApiClient.Reply unknown = place(manager, "CL-NO-SUCH-" + Users.unique("x"));
        JsonAssert.problem(unknown, 404);
        assertEquals(unknown.json().get("detail").asText().replaceAll("CL-NO-SUCH-\\S+", "X"),
                unseen.json().get("detail").asText().replace(secretClaim.get("claimNumber").asText(), "X"),
                "a dossier the manager may not read answers as one that does not exist");
    }

    private static ApiClient.Reply place(ApiClient manager, String reference) {
        return manager.post("/api/holds", Map.of("reason", "诉讼证据保全", "caseReference", Users.unique("（2026）沪0115民初"),
                "dossierIds", List.of(reference)));
    }

    private static List<String> held(ApiClient manager, String reference) {
        ApiClient.Reply placed = place(manager, reference);
        assertEquals(201, placed.status(), placed::toString);
        List<String> ids = new ArrayList<>();
        placed.json().get("dossierIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}

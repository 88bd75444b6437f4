package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A legal hold names its dossiers by the numbers people know (档号, 业务号, 保单号, 赔案号) as well
 * as by id; a number naming several dossiers is refused with the readable ones to choose from, and
 * a dossier the placer may not read is neither held, listed nor told apart from one that does not exist.
 * A policy and its claims are linked through the same numbers, as far as the reader may read them.
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

    @Test
    void theAuditTrailIsFilteredByTheNumbersPeopleKnowAsWellAsByTarget() {
        ApiClient clerk = Users.create("dnaclerk", "SECRET", DEPARTMENT, "CLERK");
        ApiClient auditor = Users.create("dnauditor", "SECRET", "档案室", "AUDITOR");
        JsonNode policy = Dossiers.create(clerk, Dossiers.underwriting("车险", DEPARTMENT));
        JsonNode claim = Dossiers.create(clerk, Dossiers.claim("车险", DEPARTMENT, "INTERNAL")
                .put("policyNumber", policy.get("policyNumber").asText()));

        List<String> byClaimNumber = targets(auditor, claim.get("claimNumber").asText());
        assertFalse(byClaimNumber.isEmpty());
        assertEquals(List.of("dossier:" + id(claim)), byClaimNumber.stream().distinct().toList(), "by claim number");
        assertEquals(Set.of("dossier:" + id(policy), "dossier:" + id(claim)), Set.copyOf(targets(auditor, policy.get("policyNumber").asText())),
                "a policy number names the policy and its claim");
        assertEquals(byClaimNumber, targets(auditor, "dossier:" + id(claim)), "the trail's own target, as before");
        assertEquals(byClaimNumber, targets(auditor, claim.get("businessKey").asText()), "by business key");
        assertEquals(List.of(), targets(auditor, "CL-NO-SUCH-" + Users.unique("x")), "a number naming nothing finds nothing");
    }

    private static List<String> targets(ApiClient auditor, String target) {
        ApiClient.Reply reply = auditor.get(ApiClient.query("/api/audit", Map.of("target", target, "size", "200")));
        assertEquals(200, reply.status(), reply::toString);
        List<String> targets = new ArrayList<>();
        reply.json().get("events").forEach(event -> targets.add(event.get("target").asText()));
        return targets;
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

    // 关联案卷: a policy and its claims point at each other through the 保单号 they share, whichever was
    // filed first; a reader sees the related dossiers they may read and nothing of the others.

    private static List<String> related(ApiClient reader, JsonNode dossier) {
        ApiClient.Reply reply = reader.get("/api/dossiers/" + dossier.get("id").asText());
        assertEquals(200, reply.status(), reply::toString);
        List<String> ids = new ArrayList<>();
        reply.json().get("related").forEach(other -> ids.add(other.get("id").asText()));
        return ids;
    }

    private static String id(JsonNode dossier) {
        return dossier.get("id").asText();
    }

    @Test
    void aPolicyListsItsClaimsAndAClaimItsPolicyAsFarAsTheReaderMayRead() {
        ApiClient clerk = Users.create("rdclerk", "SECRET", DEPARTMENT, "CLERK");
        ApiClient adjuster = Users.create("rdadjuster", "INTERNAL", DEPARTMENT, "ADJUSTER");

        // The claim comes first, the policy dossier later: the link is there as soon as both exist.
        JsonNode earlyClaim = Dossiers.create(clerk, Dossiers.claim("车险", DEPARTMENT, "INTERNAL"));
        String policyNumber = earlyClaim.get("policyNumber").asText();
        assertEquals(List.of(), related(clerk, earlyClaim));
        JsonNode policy = Dossiers.create(clerk, Dossiers.underwriting("车险", DEPARTMENT).put("policyNumber", policyNumber));
        JsonNode secretClaim = Dossiers.create(clerk, Dossiers.claim("车险", DEPARTMENT, "SECRET").put("policyNumber", policyNumber));
        JsonNode stranger = Dossiers.create(clerk, Dossiers.claim("车险", DEPARTMENT, "INTERNAL"));

        assertEquals(List.of(id(policy), id(secretClaim)), related(clerk, earlyClaim), "the policy first, then the other claims");
        assertEquals(List.of(id(earlyClaim), id(secretClaim)), related(clerk, policy));
        assertEquals(List.of(id(policy), id(earlyClaim)), related(clerk, secretClaim));
        assertEquals(List.of(), related(clerk, stranger), "another policy's claim is no relation");

        assertEquals(List.of(id(earlyClaim)), related(adjuster, policy), "a claim the reader may not read is not listed");
        JsonNode seen = adjuster.get("/api/dossiers/" + id(policy)).json();
        assertFalse(seen.toString().contains(id(secretClaim)) || seen.toString().contains(secretClaim.get("businessKey").asText()),
                seen::toString);
        JsonNode link = seen.get("related").get(0);
        assertEquals("CLAIM", link.get("type").asText());
        assertEquals(earlyClaim.get("businessKey").asText(), link.get("businessKey").asText());
        assertEquals(earlyClaim.get("title").asText(), link.get("title").asText());
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A policy and its claims point at each other through the 保单号 they share, whichever was filed
 * first; a reader sees the related dossiers they may read and nothing of the others.
 */
class RelatedDossiersIT extends ServerTestBase {

    private static final String DEPARTMENT = "理赔部";

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

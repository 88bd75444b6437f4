package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** 被保险人档案: one insured's policies and claims across dossiers, each reader seeing only what they may read. */
class InsuredViewIT extends ServerTestBase {

    @Test
    void anInsuredsPoliciesAndClaimsAreListedTogetherWithinTheReadersReach() {
        String insured = "被保险人" + Users.unique("i").replaceAll("[^0-9a-f]", "").substring(0, 6);
        Users.Account manager = Users.account("inmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        ApiClient clerk = Users.create("inclerk", "SECRET", "档案室", "CLERK");
        ApiClient adjuster = Users.create("inadjuster", "INTERNAL", "理赔部", "ADJUSTER");
        String policy = Dossiers.create(clerk, Dossiers.underwriting("车险", "承保部").put("insured", insured)).get("id").asText();
        String claim = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL").put("insured", insured)).get("id").asText();
        Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "CONFIDENTIAL").put("insured", insured));
        Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL"));

        JsonNode all = manager.api().get(ApiClient.query("/api/dossiers", Map.of("insured", insured))).json();
        assertEquals(3, all.get("total").asInt(), all::toString);
        JsonNode mine = adjuster.get(ApiClient.query("/api/dossiers", Map.of("insured", insured))).json();
        assertEquals(1, mine.get("total").asInt(), "the adjuster reads his department's internal claim only: " + mine);
        assertEquals(claim, mine.get("dossiers").get(0).get("id").asText());

        try (Browser browser = Browser.open()) {
            browser.signIn(manager);
            browser.go("/ui/dossier.xhtml?id=" + policy);
            browser.click(By.id("dossier:insured-link"));
            browser.awaitText("被保险人档案 · " + insured);
            assertEquals(3, browser.all(By.cssSelector(".desk-insured-dossier")).size(), browser.pageText());
            assertTrue(browser.pageText().contains("承保") && browser.pageText().contains("理赔"));
        }
    }
}

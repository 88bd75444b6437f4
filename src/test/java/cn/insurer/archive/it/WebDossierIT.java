package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The dossier page's paper-original location in a real browser: shown to all, recorded by clerks, audited. */
class WebDossierIT extends ServerTestBase {

    private static final String DEPARTMENT = "理赔部";

    @Test
    void aClerkRecordsWhereThePaperOriginalIsKept() {
        Users.Account clerk = Users.account("wdclerk", "INTERNAL", DEPARTMENT, "CLERK");
        Users.Account adjuster = Users.account("wdadjuster", "INTERNAL", DEPARTMENT, "ADJUSTER");
        String id = Dossiers.create(clerk.api(), Dossiers.claim("车险", DEPARTMENT, "INTERNAL")).get("id").asText();

        try (Browser browser = Browser.open()) {
            browser.signIn(clerk);
            browser.go("/ui/dossier.xhtml?id=" + id);
            assertEquals("未登记", browser.text(By.id("dossier:paper-location")));

            browser.type(By.id("paper:room"), "一号库房");
            browser.type(By.id("paper:shelf"), "A-03");
            browser.find(By.id("paper:box")).clear();
            browser.click(By.id("paper:locate"));
            String refused = browser.awaitText("盒号：必填");
            assertTrue(refused.contains("未登记"), "nothing is recorded from an incomplete location");

            browser.type(By.id("paper:box"), "0042");
            browser.click(By.id("paper:locate"));
            browser.awaitText("纸质原件位置已登记：一号库房 / A-03 / 0042");
            assertEquals("一号库房 / A-03 / 0042", browser.text(By.id("dossier:paper-location")));
            assertTrue(browser.gapBetween(By.id("actions:event-date"), By.id("actions:record-event")) >= 6,
                    "the event's date and its button do not touch");
            browser.screenshot("22-paper-location");

            browser.go("/ui/dossier.xhtml?id=" + id);
            assertEquals("A-03", browser.find(By.id("paper:shelf")).getAttribute("value"), "the form shows what is recorded");
            browser.type(By.id("paper:room"), "二号库房");
            browser.click(By.id("paper:locate"));
            browser.awaitText("纸质原件位置已登记：二号库房 / A-03 / 0042");
            browser.signOut();

            browser.signIn(adjuster);
            browser.go("/ui/dossier.xhtml?id=" + id);
            assertEquals("二号库房 / A-03 / 0042", browser.text(By.id("dossier:paper-location")));
            assertTrue(browser.all(By.id("paper:locate")).isEmpty(), "only clerks and archive managers record the location");
        }

        JsonNode location = clerk.api().get("/api/dossiers/" + id).json().get("paperLocation");
        assertEquals("二号库房", location.get("room").asText());
        assertEquals("0042", location.get("box").asText());
        List<Map<String, Object>> events = Database.query("select actor, details::text as details from audit_event "
                + "where action = 'PAPER_LOCATION_RECORDED' and target = ? order by seq", "dossier:" + id);
        assertEquals(2, events.size(), events::toString);
        assertEquals(clerk.username(), events.get(0).get("actor"));
        assertTrue(events.get(1).get("details").toString().contains("一号库房 / A-03 / 0042"), events.toString());
    }
}

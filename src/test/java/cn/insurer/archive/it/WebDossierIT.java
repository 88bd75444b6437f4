package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The dossier page in a real browser: the paper original's location and a clerk's corrections before sealing. */
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

    @Test
    void aClerkCorrectsAMislabelledDocumentBeforeSealing() {
        Users.Account clerk = Users.account("wdclerk", "INTERNAL", DEPARTMENT, "CLERK");
        Users.Account adjuster = Users.account("wdadjuster", "INTERNAL", DEPARTMENT, "ADJUSTER");
        String id = Dossiers.create(clerk.api(), Dossiers.claim("车险", DEPARTMENT, "INTERNAL")).get("id").asText();
        ApiClient.Reply uploaded = clerk.api().upload(id, "银行回单".getBytes(java.nio.charset.StandardCharsets.UTF_8), "回单.txt",
                Dossiers.itemMetadata("其他材料", "OTHER"));
        assertEquals(201, uploaded.status(), uploaded::toString);
        String item = uploaded.json().get("id").asText();
        // An item above the adjuster's clearance: its filing must not show in the history they read.
        Users.Account secretClerk = Users.account("wdsecret", "SECRET", DEPARTMENT, "CLERK");
        ApiClient.Reply secret = secretClerk.api().upload(id, "机密".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "核赔内部意见.txt", Dossiers.itemMetadata("核赔内部意见", "OTHER").put("securityLevel", "CONFIDENTIAL"));
        assertEquals(201, secret.status(), secret::toString);

        try (Browser browser = Browser.open()) {
            browser.signIn(clerk);
            browser.go("/ui/dossier.xhtml?id=" + id);
            browser.click(By.cssSelector("a.desk-edit-item"));
            assertEquals("其他材料", browser.find(By.id("edit:title")).getAttribute("value"), "the form shows what is recorded");
            browser.type(By.id("edit:title"), "");
            browser.click(By.id("edit:save"));
            browser.awaitText("题名：必填");
            browser.type(By.id("edit:title"), "赔款支付凭证（银行回单）");
            new org.openqa.selenium.support.ui.Select(browser.find(By.id("edit:documentType"))).selectByVisibleText("赔款支付凭证");
            browser.type(By.id("edit:documentDate"), "2025-03-28");
            browser.screenshot("24-item-correction");
            browser.click(By.id("edit:save"));
            String page = browser.awaitText("已修改第 1 件的文件信息");
            assertTrue(browser.text(By.id("dossier:items")).contains("赔款支付凭证（银行回单）"), page);
            assertTrue(browser.all(By.id("edit:title")).isEmpty(), "the form closes once saved");
            browser.click(By.id("history:show-history"));
            String history = browser.awaitText("修改文件信息");
            assertTrue(history.contains("原题名") && history.contains("上传文件") && history.contains("新建案卷"), history);
            String lines = browser.text(By.id("history:history-lines"));
            assertTrue(lines.contains("赔款支付凭证") && lines.contains("其他材料"), "types read as words: " + lines);
            assertTrue(!lines.contains("PAYMENT_VOUCHER") && !lines.contains(item), "no codes, no ids: " + lines);
            browser.screenshot("25-dossier-history");
            browser.signOut();

            browser.signIn(adjuster);
            browser.go("/ui/dossier.xhtml?id=" + id);
            assertTrue(browser.all(By.cssSelector("a.desk-edit-item")).isEmpty(), "only those who file correct");
            browser.click(By.id("history:show-history"));
            String seen = browser.awaitText("修改文件信息");
            assertTrue(seen.contains("回单.txt"), seen);
            assertTrue(!seen.contains("核赔内部意见"), "the history keeps what the reader may not see of an item to itself: " + seen);
        }

        JsonNode now = clerk.api().get("/api/items/" + item).json();
        assertEquals("PAYMENT_VOUCHER", now.get("documentType").asText());
        assertEquals("2025-03-28", now.get("documentDate").asText());
        List<Map<String, Object>> events = Database.query("select details::text as details from audit_event "
                + "where action = 'ITEM_CORRECTED' and target = ? order by seq", "item:" + item);
        assertEquals(1, events.size(), events::toString);
        assertTrue(events.get(0).get("details").toString().contains("其他材料"), "the trail keeps the title it replaced");
    }
}

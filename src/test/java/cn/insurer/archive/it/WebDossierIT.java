package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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

    @Test
    void aClerkWithdrawsAMisfiledDocumentWhichStaysStruckThroughWithItsReason() {
        Users.Account clerk = Users.account("wwclerk", "INTERNAL", DEPARTMENT, "CLERK");
        String id = Dossiers.create(clerk.api(), Dossiers.claim("车险", DEPARTMENT, "INTERNAL")).get("id").asText();
        ApiClient.Reply uploaded = clerk.api().upload(id, ("另一赔案的查勘报告 " + id).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "查勘报告.txt", Dossiers.itemMetadata("查勘报告（另案）", "SURVEY_REPORT"));
        assertEquals(201, uploaded.status(), uploaded::toString);
        String item = uploaded.json().get("id").asText();

        try (Browser browser = Browser.open()) {
            browser.signIn(clerk);
            browser.go("/ui/dossier.xhtml?id=" + id);
            browser.click(By.cssSelector("a.desk-edit-item"));
            browser.click(By.id("edit:withdraw"));
            browser.awaitText("原因：必填");
            assertTrue(!clerk.api().get("/api/items/" + item).json().get("withdrawn").asBoolean(), "nothing withdrawn without a reason");
            browser.type(By.id("edit:withdraw-reason"), "误归入本案卷，属另一赔案");
            browser.screenshot("26-item-withdrawal");
            browser.click(By.id("edit:withdraw"));
            browser.awaitText("第 1 件已撤回");
            WebElement row = browser.find(By.cssSelector("tr.desk-withdrawn-item"));
            assertTrue(row.getText().contains("已撤回：误归入本案卷，属另一赔案"), row.getText());
            assertEquals("line-through", row.findElement(By.cssSelector(".desk-item-title")).getCssValue("text-decoration-line"));
            assertTrue(browser.all(By.cssSelector("a.desk-edit-item")).isEmpty(), "a withdrawn item is not edited again");
            browser.phone();
            browser.go("/ui/dossier.xhtml?id=" + id);
            assertTrue(browser.fitsWidth(), browser.overflowing());
            browser.screenshot("26-item-withdrawn-phone");
            browser.desktop();
            browser.click(By.id("history:show-history"));
            String history = browser.awaitText("撤回文件");
            assertTrue(history.contains("误归入本案卷，属另一赔案") && !history.contains("SURVEY_REPORT"), history);
        }
        assertTrue(clerk.api().get("/api/items/" + item).json().get("withdrawn").asBoolean());
    }

    @Test
    void theArchiveManagerCorrectsASealedDossiersTitleAndFilesASupplementOnTheDesk() throws Exception {
        Users.Account clerk = Users.account("wcclerk", "INTERNAL", DEPARTMENT, "CLERK");
        Users.Account manager = Users.account("wcmanager", "SECRET", DEPARTMENT, "ARCHIVE_MANAGER");
        JsonNode created = Dossiers.create(clerk.api(), Dossiers.claim("车险", DEPARTMENT, "INTERNAL"));
        String id = created.get("id").asText();
        assertEquals(201, clerk.api().post("/api/dossiers/" + id + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2025-07-01")).status());
        Dossiers.seal(manager.api(), id);

        try (Browser browser = Browser.open()) {
            browser.signIn(clerk);
            browser.go("/ui/dossier.xhtml?id=" + id);
            browser.awaitText("保管期限");
            assertTrue(browser.all(By.id("correction:open")).isEmpty(), "a clerk does not correct a sealed dossier");
            assertTrue(browser.all(By.id("upload:files")).isEmpty(), "nor file into it");
            browser.signOut();

            browser.signIn(manager);
            browser.go("/ui/dossier.xhtml?id=" + id);
            browser.click(By.id("correction:open"));
            browser.type(By.id("correction:title"), "张伟 车险 理赔案卷（题名更正）");
            browser.click(By.id("correction:save"));
            browser.awaitText("原因：必填");
            browser.type(By.id("correction:reason"), "题名漏写更正标注");
            browser.screenshot("27-dossier-correction");
            browser.click(By.id("correction:save"));
            browser.awaitText("案卷著录已更正");
            browser.click(By.id("history:show-history"));
            String history = browser.awaitText("更正案卷著录");
            assertTrue(history.contains(created.get("title").asText()) && history.contains("题名漏写更正标注"), history);

            java.nio.file.Path late = java.nio.file.Files.createTempFile("批单", ".txt");
            java.nio.file.Files.writeString(late, "迟到的批单 " + id);
            browser.find(By.id("upload:supplement-reason")).sendKeys("归档后形成的批改文件");
            browser.driver().findElement(By.cssSelector("#upload input[type='file']")).sendKeys(late.toString());
            browser.awaitText("已补充归档");
            assertTrue(browser.text(By.id("dossier:items")).contains("补充归档：归档后形成的批改文件"), browser.pageText());
            browser.screenshot("28-dossier-supplement");
            // However soon after an upload the page is read, its progress bar has a name (a bar drawn now, as PrimeFaces draws one).
            Object named = browser.driver().executeAsyncScript("""
                    var done = arguments[arguments.length - 1];
                    var row = document.createElement('div');
                    row.className = 'ui-fileupload-row';
                    row.innerHTML = '<div class="ui-fileupload-filename">批单.txt</div>'
                        + '<div class="ui-progressbar" role="progressbar" aria-valuenow="40"></div>';
                    document.getElementById('upload').appendChild(row);
                    setTimeout(function () {
                      done(row.querySelector('[role=progressbar]').getAttribute('aria-label'));
                      row.remove();
                    }, 0);
                    """);
            assertEquals("上传进度：批单.txt", named);
            java.nio.file.Files.deleteIfExists(late);
        }
        JsonNode now = clerk.api().get("/api/dossiers/" + id).json();
        assertEquals("张伟 车险 理赔案卷（题名更正）", now.get("title").asText());
        assertEquals(1, now.get("items").size());
        assertEquals("归档后形成的批改文件", now.get("items").get(0).get("supplementReason").asText());
    }

    @Test
    void aFinanceClerkFilesAVolumeOfVouchersFromTheNewDossierForm() {
        Users.Account clerk = Users.account("wfclerk", "INTERNAL", "财务部", "CLERK");
        String volume = Users.unique("JZ").toUpperCase();
        try (Browser browser = Browser.open()) {
            browser.signIn(clerk);
            browser.go("/ui/dossier-new.xhtml");
            new org.openqa.selenium.support.ui.Select(browser.find(By.id("dossier-form:type"))).selectByValue("FINANCE");
            browser.await(d -> !d.findElements(By.cssSelector("[data-field='fiscalYear']")).isEmpty());
            assertTrue(browser.all(By.cssSelector("[data-field='insured'], [data-field='policyNumber']")).isEmpty(),
                    "a volume of accounting records asks for no policy");
            browser.type(By.cssSelector("[data-field='volumeNumber']"), volume);
            browser.type(By.cssSelector("[data-field='title']"), "2025年3月记账凭证 第1册");
            browser.type(By.cssSelector("[data-field='department']"), "财务部");
            browser.type(By.cssSelector("[data-field='fiscalYear']"), "2025");
            new org.openqa.selenium.support.ui.Select(browser.find(By.cssSelector("[data-field='productLine']"))).selectByVisibleText("财务");
            new org.openqa.selenium.support.ui.Select(browser.find(By.cssSelector("[data-field='securityLevel']"))).selectByValue("INTERNAL");
            browser.screenshot("29-new-finance-dossier");
            browser.click(By.id("dossier-form:create"));
            browser.awaitText("已创建");
            assertEquals("2025", browser.text(By.id("dossier:fiscal-year")));
            assertTrue(browser.pageText().contains("财务案卷"), browser.pageText());
            assertTrue(browser.text(By.id("upload:document-type")).contains("记账凭证"), "the file plan's accounting document types are offered");
            assertTrue(!browser.pageText().contains("FINANCE"), "words, not codes");
        }
        JsonNode found = clerk.api().get("/api/dossiers?businessKey=" + volume).json();
        assertEquals(1, found.get("total").asInt(), found::toString);
        assertEquals("FINANCE", found.get("dossiers").get(0).get("type").asText());
    }
}

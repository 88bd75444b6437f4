package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The desk as people meet it outside the happy path: on a phone, on an address that does not
 * exist, when an action fails on the server, and when they name a dossier by the number they know.
 */
class WebDeskIT extends ServerTestBase {

    @Test
    void anApproverOnAPhoneSeesWhoAsksForWhatAndTheMenuFoldsAway() {
        String department = "理赔部" + Users.unique("d").substring(2, 6);
        String other = "核保部" + Users.unique("d").substring(2, 6);
        ApiClient clerk = Users.create("wkclerk", "SECRET", department, "CLERK");
        Users.Account borrower = Users.account("wkadjuster", "INTERNAL", other, "ADJUSTER");
        Users.Account head = Users.account("wkhead", "INTERNAL", department, "DEPARTMENT_HEAD");
        JsonNode dossier = Dossiers.create(clerk, Dossiers.claim("车险", department, "INTERNAL"));
        String purpose = "核对理赔金额" + Users.unique("p");
        ApiClient.Reply requested = borrower.api().post("/api/loans", Map.of("dossierId", dossier.get("id").asText(),
                "purpose", purpose, "kind", "VIEW", "days", 5));
        assertEquals(201, requested.status(), requested::toString);
        String loan = requested.json().get("number").asText();

        try (Browser browser = Browser.open()) {
            browser.signIn(head);
            for (boolean phone : new boolean[] {true, false}) {
                if (phone) {
                    browser.phone();
                } else {
                    browser.desktop();
                }
                browser.go("/ui/inbox.xhtml");
                browser.awaitText(loan);
                assertTrue(browser.fitsWidth(), "the inbox fits the screen: " + browser.overflowing());
                WebElement row = browser.find(By.xpath("//textarea[@data-loan='" + loan + "']/ancestor::tr[1]"));
                String shown = row.getText();
                for (String context : List.of(other, "内部", purpose, dossier.get("title").asText(), "测试用户 " + borrower.username())) {
                    assertTrue(shown.contains(context), context + " in " + shown);
                }
                assertTrue(browser.find(By.cssSelector("a.desk-inbox-dossier[data-loan='" + loan + "']")).getAttribute("href")
                        .contains("/ui/dossier.xhtml?id=" + dossier.get("id").asText()), "the approver can open the dossier");
                assertTrue(browser.find(By.cssSelector("button.desk-approve[data-loan='" + loan + "']")).isDisplayed());
                assertEquals(List.of(), browser.accessibility(), "no serious or critical accessibility violations");
                browser.screenshot(phone ? "30-inbox-phone-only" : "30-inbox-desktop-only");
            }
            browser.phone();
            browser.go("/ui/home.xhtml");
            browser.awaitText("我的工作台");
            WebElement header = browser.find(By.cssSelector(".desk-header"));
            assertTrue(header.getRect().getHeight() <= 56, "the header keeps to one line: " + header.getRect());
            assertFalse(browser.find(By.id("menu-toggle")).getAttribute("aria-expanded").equals("true"));
            assertTrue(browser.all(By.id("nav-inbox")).stream().noneMatch(WebElement::isDisplayed), "the menu is folded away");
            assertTrue(browser.fitsWidth(), browser.overflowing());
            browser.click(By.id("menu-toggle"));
            browser.find(By.id("nav-inbox"));
            assertEquals("true", browser.find(By.id("menu-toggle")).getAttribute("aria-expanded"));
            assertTrue(browser.fitsWidth(), "the open menu fits too: " + browser.overflowing());
            browser.click(By.id("nav-inbox"));
            browser.awaitText(loan);
            browser.desktop();
        }
    }

    @Test
    void anUnknownPageTheIconAndAFailedActionAreToldInChinese() throws Exception {
        Users.Account manager = Users.account("wkmanager", "CONFIDENTIAL", "档案室", "ARCHIVE_MANAGER");
        ApiClient clerk = Users.create("wkclerk", "SECRET", "理赔部", "CLERK");
        JsonNode open = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL"));
        JsonNode secret = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "SECRET"));
        try (Browser browser = Browser.open()) {
            HttpResponse<byte[]> icon = browser.download(Browser.url("/favicon.ico"));
            assertEquals(200, icon.statusCode());
            browser.signIn(manager);
            String href = browser.driver().findElement(By.cssSelector("link[rel='icon']")).getAttribute("href");
            HttpResponse<byte[]> svg = browser.download(href);
            assertEquals(200, svg.statusCode(), href);
            assertTrue(svg.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"), svg.headers()::toString);

            browser.go("/ui/no-such-page.xhtml");
            String missing = browser.awaitText("页面不存在");
            assertFalse(missing.contains("ExternalContext") || missing.contains("Not Found"), missing);
            assertEquals(404, browser.download(Browser.url("/ui/no-such-page.xhtml")).statusCode());
            assertEquals(404, browser.download(Browser.url("/no-such-file.txt")).statusCode());
            browser.find(By.id("error-home"));
            assertTrue(browser.find(By.id("desk-menu")).isDisplayed() && browser.find(By.id("header-q")).isDisplayed(),
                    "a signed-in user gets the 404 inside the desk, with its menu and search box");
            assertEquals(List.of(), browser.accessibility(), "no serious or critical accessibility violations");
            browser.screenshot("31-not-found");

            browser.go("/ui/retention.xhtml");
            browser.click(By.xpath("//ul[@role='tablist']//a[contains(., '法律冻结')]"));
            browser.type(By.id("retention:tabs:case"), "（2026）沪0115民初" + "1".repeat(240));
            browser.type(By.id("retention:tabs:reason"), "诉讼证据保全");
            browser.type(By.id("retention:tabs:hold-dossiers"), open.get("claimNumber").asText());
            browser.click(By.id("retention:tabs:place"));
            assertTrue(browser.awaitText("操作未能完成").contains("已记录"), "a failure on the server is told on the page");

            String caseReference = Users.unique("（2026）沪0115民初");
            browser.type(By.id("retention:tabs:case"), caseReference);
            browser.type(By.id("retention:tabs:hold-dossiers"), secret.get("policyNumber").asText());
            browser.click(By.id("retention:tabs:place"));
            browser.awaitText("不存在");
            String unseen = browser.text(By.id("messages")).replace(secret.get("policyNumber").asText(), "X");
            assertTrue(unseen.contains("案卷 X 不存在"), unseen);
            String nothing = "PDAA-NO-SUCH-" + Users.unique("x");
            browser.type(By.id("retention:tabs:hold-dossiers"), nothing);
            browser.click(By.id("retention:tabs:place"));
            browser.awaitText(nothing);
            assertEquals(unseen, browser.text(By.id("messages")).replace(nothing, "X"),
                    "a dossier the manager may not read answers as one that does not exist");

            browser.type(By.id("retention:tabs:hold-dossiers"), open.get("policyNumber").asText());
            browser.click(By.id("retention:tabs:place"));
            browser.awaitText("已冻结：" + caseReference);
            assertFalse(browser.pageText().contains(open.get("id").asText()), "no internal id is shown");
        }
        JsonNode holds = manager.api().get("/api/holds").json();
        assertTrue(holds.toString().contains(open.get("id").asText()), holds::toString);
    }

    @Test
    void aDocumentDateTypedJustBeforeTheFileIsChosenIsKept() throws Exception {
        Users.Account clerk = Users.account("wkclerk", "INTERNAL", "理赔部", "CLERK");
        String id = Dossiers.create(clerk.api(), Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        Path file = Files.createTempDirectory("web-desk").resolve("查勘报告.txt");
        Files.writeString(file, "查勘报告 追尾 后保险杠受损", StandardCharsets.UTF_8);
        try (Browser browser = Browser.open()) {
            browser.signIn(clerk);
            browser.go("/ui/dossier.xhtml?id=" + id);
            WebElement date = browser.find(By.id("upload:document-date"));
            date.sendKeys("2025-06-20");
            browser.driver().findElement(By.cssSelector("#upload input[type='file']")).sendKeys(file.toString());
            browser.await(d -> d.findElements(By.cssSelector("#dossier\\:item-table_data tr[data-ri]")).size() == 1);
            browser.awaitAjax();
            WebElement print = browser.find(By.cssSelector("a.desk-item-list-pdf"));
            assertEquals("_blank", print.getAttribute("target"));
            HttpResponse<byte[]> list = browser.download(print.getAttribute("href"));
            assertEquals(200, list.statusCode());
            String disposition = list.headers().firstValue("Content-Disposition").orElse("");
            assertTrue(disposition.startsWith("inline") && disposition.contains("filename*=UTF-8''%E5%8D%B7%E5%86%85%E7%9B%AE%E5%BD%95-"),
                    "the 卷内目录 opens to print, named in words: " + disposition);
        }
        JsonNode items = clerk.api().get("/api/dossiers/" + id).json().get("items");
        assertEquals(1, items.size(), items::toString);
        assertEquals("2025-06-20", items.get(0).get("documentDate").asText(), items::toString);
    }

    @Test
    void theAuditorFindsADossierByItsNumbersInTheTrailAndInTheSearchBox() {
        Users.Account auditor = Users.account("wkauditor", "SECRET", "稽核部", "AUDITOR");
        ApiClient clerk = Users.create("wkclerk", "SECRET", "理赔部", "CLERK");
        ApiClient manager = Users.create("wkmanager", "CONFIDENTIAL", "档案室", "ARCHIVE_MANAGER");
        JsonNode dossier = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL"));
        assertEquals(201, clerk.post("/api/dossiers/" + dossier.get("id").asText() + "/events",
                Map.of("event", "CLAIM_CLOSED", "date", "2025-08-01")).status());
        ApiClient.Reply sealed = manager.post("/api/dossiers/" + dossier.get("id").asText() + "/seal",
                Map.of("exceptionReason", "查勘照片由公估公司留存，已附说明"));
        assertEquals(200, sealed.status(), sealed::toString);
        String archivalCode = sealed.json().get("archivalCode").asText();
        try (Browser browser = Browser.open()) {
            browser.signIn(auditor);
            browser.go("/ui/audit.xhtml");
            assertTrue(browser.all(By.cssSelector("#audit\\:events tr[data-ri]")).size() > 0, "the trail opens on its latest events");
            for (String number : List.of(dossier.get("claimNumber").asText(), archivalCode)) {
                browser.type(By.id("audit:target"), number);
                browser.click(By.id("audit:search"));
                browser.await(d -> d.findElements(By.cssSelector("#audit\\:events .desk-action")).stream()
                        .anyMatch(action -> "DOSSIER_SEALED".equals(action.getAttribute("data-action"))));
                Object recorded = Database.query("select count(*) as n from audit_event where target = ?",
                        "dossier:" + dossier.get("id").asText()).get(0).get("n");
                assertEquals(String.valueOf(recorded), browser.text(By.id("audit-total")), number + ": the events of that dossier, no others");
            }

            browser.type(By.id("header-q"), dossier.get("policyNumber").asText() + Keys.ENTER);
            WebElement found = browser.find(By.cssSelector("#search\\:numbered .desk-numbered-hit[data-dossier='"
                    + dossier.get("id").asText() + "'] a"));
            assertTrue(browser.text(By.id("search:numbered")).contains(archivalCode), browser.text(By.id("search:numbered")));
            found.click();
            browser.awaitText(archivalCode);
            assertTrue(browser.driver().getCurrentUrl().contains("/ui/dossier.xhtml?id=" + dossier.get("id").asText()));
        }
    }
}

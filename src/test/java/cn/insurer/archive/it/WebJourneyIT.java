package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web desk end to end in a real headless Chromium against the deployed archive: a clerk files
 * and seals a claim with three documents, an adjuster of another department finds it by a Chinese
 * query and asks to borrow it, the owning department's head approves, the adjuster reads the
 * watermarked copy, and an auditor finds all of it in the trail and downloads the loan register.
 */
class WebJourneyIT extends ServerTestBase {

    private static final Duration EXTRACTION = Duration.ofMinutes(3);

    @Test
    void aClaimIsFiledSealedFoundBorrowedApprovedReadAndAudited() throws Exception {
        String suffix = Users.unique("d").substring(2, 6);
        String owning = "理赔部" + suffix;
        String other = "理赔二部" + suffix;
        Users.Account clerk = Users.account("clerk", "SECRET", "档案室", "CLERK");
        Users.Account adjuster = Users.account("adjuster", "INTERNAL", other, "ADJUSTER");
        Users.Account head = Users.account("head", "INTERNAL", owning, "DEPARTMENT_HEAD");
        Users.Account auditor = Users.account("auditor", "SECRET", "稽核部", "AUDITOR");
        String marker = "水管爆裂" + suffix;
        // A case in the adjuster's own department, readable to them: the search's facets and highlights.
        ApiClient colleague = Users.create("clerk", "SECRET", "档案室", "CLERK");
        JsonNode precedent = Dossiers.create(colleague, Dossiers.claim("家财险", other, "INTERNAL")
                .put("title", "李娜家庭财产" + marker + "理赔案"));
        String precedentItem = colleague.upload(precedent.get("id").asText(),
                ChineseDocuments.pdf("查勘报告：厨房" + marker + "，地板与橱柜受损。"), "查勘报告.pdf",
                Dossiers.itemMetadata("查勘报告", "SURVEY_REPORT")).json().get("id").asText();
        Await.until(() -> colleague.get("/api/items/" + precedentItem).json(), i -> i.get("extraction").asText().equals("DONE"),
                EXTRACTION);

        String claimTitle = "王芳家庭财产" + marker + "理赔案";
        String loanNumber;
        try (Browser browser = Browser.open()) {
            browser.go("/ui/home.xhtml");
            browser.await(d -> d.getCurrentUrl().contains("/ui/login.xhtml"));
            assertTrue(browser.awaitText("保险档案管理系统").contains("登录"));
            browser.screenshot("01-sign-in");

            browser.signIn(clerk);
            String home = browser.awaitText("我的工作台");
            assertTrue(home.contains("未归档的案卷") && home.contains("文本提取失败的文件"), home);
            assertTrue(browser.text(By.id("signed-in-roles")).contains("档案员"));
            browser.screenshot("02-clerk-home");

            String dossierUrl = fileClaim(browser, claimTitle, owning);
            uploadThree(browser);
            String items = browser.text(By.id("dossier:item-table"));
            assertTrue(items.contains("报案记录") && items.contains("理赔决定通知书") && items.contains("赔款支付凭证"), items);
            assertTrue(browser.find(By.id("dossier:complete")).getText().contains("必备文件齐全"));
            for (WebElement hash : browser.all(By.cssSelector(".desk-hash"))) {
                assertTrue(hash.getAttribute("title").matches("[0-9a-f]{64}"), hash.getAttribute("title"));
            }
            List<WebElement> sizes = browser.all(By.cssSelector("#dossier\\:item-table .desk-size"));
            assertEquals(3, sizes.size(), items);
            for (WebElement size : sizes) {
                assertTrue(size.getText().matches("\\d+\\.\\d (KB|MB)"), "a size in people's units: " + size.getText());
                assertTrue(size.getAttribute("title").matches("\\d+ B"), "the exact size on hover: " + size.getAttribute("title"));
            }
            browser.screenshot("04-item-list");

            new Select(browser.find(By.id("actions:event"))).selectByValue("CLAIM_CLOSED");
            browser.type(By.id("actions:event-date"), LocalDate.now().toString());
            browser.click(By.id("actions:record-event"));
            browser.awaitText("业务事件已登记");
            browser.click(By.id("actions:seal"));
            browser.click(By.id("actions:confirm-yes"));
            String sealed = browser.awaitText("已归档，档号");
            String code = browser.text(By.id("dossier:archival-code"));
            assertTrue(code.matches("F\\d+-CL·\\d{4}-D\\d+-HQ-\\d{4}"), code);
            assertEquals("已归档", browser.text(By.id("dossier:status")));
            assertTrue(browser.all(By.id("upload:files")).isEmpty(), "a sealed dossier offers no upload");
            assertTrue(sealed.contains(code));
            browser.screenshot("05-sealed");
            browser.signOut();

            browser.signIn(adjuster);
            browser.go("/ui/search.xhtml");
            browser.type(By.id("search:q"), marker);
            browser.click(By.id("search:go"));
            browser.find(By.cssSelector(".desk-hit"));
            WebElement readable = browser.find(By.cssSelector(".desk-hit:not(.desk-restricted)"));
            assertTrue(readable.getText().contains("李娜家庭财产"), readable.getText());
            assertFalse(browser.all(By.cssSelector(".desk-snippet em")).isEmpty(), "highlights mark the query");
            WebElement restricted = browser.find(By.cssSelector(".desk-restricted"));
            assertTrue(restricted.getText().contains(claimTitle), restricted.getText());
            assertTrue(restricted.findElements(By.cssSelector(".desk-snippet")).isEmpty(), "a restricted hit shows its title only");
            assertFalse(restricted.getText().contains(code), "a restricted hit hides its archival code");
            assertFalse(browser.all(By.cssSelector("a[data-facet='productLine'][data-value='家财险']")).isEmpty());
            browser.screenshot("06-search");
            browser.click(By.cssSelector("a[data-facet='department'][data-value='" + other + "']"));
            browser.await(d -> !d.findElements(By.cssSelector("a.desk-selected[data-facet='department']")).isEmpty());
            assertTrue(browser.all(By.cssSelector(".desk-restricted")).isEmpty(), "a filtered search lists only readable hits");
            By chosen = By.cssSelector("a.desk-selected[data-facet='department'] .desk-facet-label");
            new org.openqa.selenium.interactions.Actions(browser.driver()).moveToElement(browser.find(chosen)).perform();
            assertTrue(browser.contrast(chosen) >= 4.5, "the chosen filter is legible, under the pointer too: " + browser.contrast(chosen));
            assertTrue(Integer.parseInt(browser.find(chosen).getCssValue("font-weight")) >= 600, "the chosen filter is bold");
            assertEquals("\"✓ \"", browser.driver().executeScript(
                    "return getComputedStyle(arguments[0], '::before').content;", browser.find(chosen)), "the chosen filter is ticked");
            assertEquals("true", browser.find(By.cssSelector("a.desk-selected[data-facet='department']")).getAttribute("aria-pressed"));
            By sorted = By.cssSelector("#search\\:sort-relevance.desk-sort-current");
            assertTrue(browser.contrast(sorted) >= 4.5, "the current sort is legible: " + browser.contrast(sorted));
            assertEquals("true", browser.find(sorted).getAttribute("aria-current"));
            assertEquals("false", browser.find(By.id("search:sort-date")).getAttribute("aria-current"));
            browser.screenshot("07-search-filtered");
            browser.click(By.cssSelector("a[data-facet='department'][data-value='" + other + "']"));
            browser.find(By.cssSelector(".desk-restricted .desk-request-loan")).click();

            browser.awaitText("借阅申请");
            assertEquals(claimTitle, browser.text(By.id("loan-dossier-title")));
            assertTrue(browser.find(By.id("loan:purpose")).getAttribute("value").contains(claimTitle));
            assertEquals("VIEW", new Select(browser.find(By.id("loan:kind"))).getFirstSelectedOption().getAttribute("value"));
            browser.screenshot("08-loan-request");
            browser.click(By.id("loan:submit"));
            String requested = browser.awaitText("等待审批");
            loanNumber = requested.replaceAll("(?s).*借阅申请 (\\S+) 已提交.*", "$1");
            assertTrue(browser.text(By.id("my-loans")).contains("审批中"));
            assertTrue(browser.text(By.id("my-loans")).contains("等待部门负责人审批"), "the borrower sees whose approval it waits for");
            browser.signOut();

            browser.signIn(head);
            browser.go("/ui/inbox.xhtml");
            String inbox = browser.awaitText(loanNumber);
            assertTrue(inbox.contains(claimTitle) && inbox.contains(adjuster.username()), inbox);
            assertEquals("测试用户 " + adjuster.username(), browser.text(By.cssSelector("#inbox .desk-person-name")),
                    "the borrower is named by display name");
            assertEquals(adjuster.username(), browser.text(By.cssSelector("#inbox .desk-person-username")));
            browser.phone();
            WebElement dossierLink = browser.find(By.cssSelector("a.desk-inbox-dossier[data-loan='" + loanNumber + "']"));
            WebElement dossierCode = browser.find(By.cssSelector(".desk-inbox-code[data-loan='" + loanNumber + "']"));
            assertTrue(dossierCode.getText().matches("F\\d+-\\S+·\\d{4}-\\S+"), "the sealed dossier's 档号: " + dossierCode.getText());
            assertTrue(Math.abs(dossierCode.getRect().getX() - dossierLink.getRect().getX()) <= 2
                    && dossierCode.getRect().getY() > dossierLink.getRect().getY(),
                    "on a phone the 档号 sits under the title in its cell: " + dossierCode.getRect() + " / " + dossierLink.getRect());
            browser.desktop();
            WebElement comment = browser.find(By.cssSelector(".desk-comment[data-loan='" + loanNumber + "']"));
            assertTrue(comment.getRect().getWidth() >= 180, "room for a comment: " + comment.getRect().getWidth());
            comment.sendKeys("同意，供理赔参考");
            var approve = browser.find(By.cssSelector("button.desk-approve[data-loan='" + loanNumber + "']")).getRect();
            var reject = browser.find(By.cssSelector("button.desk-reject[data-loan='" + loanNumber + "']")).getRect();
            assertTrue(reject.getX() - (approve.getX() + approve.getWidth()) >= 6 || reject.getY() >= approve.getY() + approve.getHeight() + 6,
                    "the decisions do not touch: " + approve + " / " + reject);
            browser.screenshot("09-approver-inbox");
            browser.click(By.cssSelector("button.desk-approve[data-loan='" + loanNumber + "']"));
            browser.awaitText("已同意借阅申请 " + loanNumber);
            browser.signOut();

            browser.signIn(adjuster);
            assertTrue(browser.text(By.id("my-loans")).contains("借阅中"));
            browser.click(By.cssSelector("#my-loans a[id$='open-loan']"));
            browser.await(d -> d.getCurrentUrl().contains(dossierUrl.substring(dossierUrl.indexOf("/ui/"))));
            String borrowed = browser.awaitText(claimTitle);
            assertTrue(borrowed.contains("报案记录"), borrowed);
            String banner = browser.text(By.id("dossier:loan-banner"));
            assertTrue(banner.contains("借阅中") && banner.contains(loanNumber) && banner.contains("到期"), banner);
            browser.click(By.cssSelector("a.desk-view"));
            WebElement viewer = browser.find(By.cssSelector("iframe.desk-pdf"));
            browser.await(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                    "return document.getElementById('dossier:viewer').getBoundingClientRect().top;")).doubleValue() < 200);
            String shownName = viewer.getAttribute("src").substring(viewer.getAttribute("src").lastIndexOf('/') + 1);
            assertEquals("报案记录.pdf", java.net.URLDecoder.decode(shownName, StandardCharsets.UTF_8),
                    "the viewer's address ends in the file's name, which the PDF viewer shows as its title");
            HttpResponse<byte[]> copy = browser.download(viewer.getAttribute("src"));
            assertEquals(200, copy.statusCode());
            assertEquals("application/pdf", copy.headers().firstValue("Content-Type").orElse(""));
            assertEquals(loanNumber, copy.headers().firstValue("X-Archive-Loan").orElse(""));
            assertTrue(pdfText(copy.body()).contains(loanNumber), "the copy is stamped with the loan");
            browser.screenshot("10-borrowed-copy");
            // A phone shows nothing for a PDF in a frame: there the copy opens in the phone's own viewer.
            browser.phone();
            try {
                WebElement open = browser.find(By.cssSelector("a.desk-pdf-open-link"));
                assertTrue(open.isDisplayed() && !viewer.isDisplayed(), "on a phone the viewer is a button, not an empty frame");
                assertEquals(viewer.getAttribute("src"), open.getAttribute("href"));
                assertTrue(browser.pageText().contains("手机浏览器不能在页面中显示 PDF"), browser.pageText());
            } finally {
                browser.desktop();
            }
            browser.signOut();

            browser.signIn(auditor);
            String auditorHome = browser.awaitText("最近一次审计链校验");
            assertTrue(auditorHome.contains("到期待处置的案卷"), auditorHome);
            browser.screenshot("11-auditor-home");
            browser.go("/ui/audit.xhtml");
            browser.type(By.id("audit:actor"), adjuster.username());
            browser.click(By.id("audit:search"));
            String trail = browser.text(By.id("audit:events"));
            for (String action : List.of("SEARCH", "LOAN_REQUESTED", "CONTENT_READ", "检索", "借阅申请", "读取原件", "登录")) {
                assertTrue(trail.contains(action), action + " in " + trail);
            }
            assertEquals("借阅申请", browser.text(By.cssSelector("#audit\\:events .desk-action[data-action='LOAN_REQUESTED']")));
            assertTrue(trail.contains("成功") && !trail.contains("SUCCESS"), trail);
            WebElement hash = browser.find(By.cssSelector("#audit\\:events .desk-detail dd[title]"));
            assertTrue(hash.getAttribute("title").matches("[0-9a-f]{64}") && hash.getText().endsWith("…"), hash.getAttribute("title"));
            assertFalse(trail.contains("{\""), "details read as lines, not JSON: " + trail);
            assertTrue((Boolean) browser.driver().executeScript("var table = document.querySelector('#audit\\\\:events table');"
                    + " return table.scrollWidth <= table.parentElement.clientWidth"
                    + " && document.documentElement.scrollWidth <= document.documentElement.clientWidth;"),
                    "the audit table fits the page");
            browser.click(By.id("audit:verify"));
            String verification = browser.text(By.id("audit:verification"));
            assertTrue(verification.contains("审计链完整"), () -> verification + " / API: "
                    + auditor.api().get("/api/audit/verify").text());
            browser.screenshot("12-audit-trail");
            browser.go("/ui/reports.xhtml");
            browser.screenshot("13-reports");
            HttpResponse<byte[]> register = browser.download(
                    browser.find(By.cssSelector("a[data-report='loan-register-csv']")).getAttribute("href"));
            assertEquals(200, register.statusCode());
            String csv = new String(register.body(), StandardCharsets.UTF_8);
            assertTrue(csv.contains(loanNumber) && csv.contains(adjuster.username()), csv);
            HttpResponse<byte[]> pdf = browser.download(
                    browser.find(By.cssSelector("a[data-report='loan-register-pdf']")).getAttribute("href"));
            assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
            String registerText = pdfText(pdf.body());
            assertTrue(registerText.contains("借阅登记簿"), "the PDF register has its Chinese heading");
            assertTrue(registerText.replaceAll("\\s+", "").contains(loanNumber), "the register keeps the loan number whole: " + registerText);
            assertFalse(registerText.matches("(?s).*\\d{2}:\\d{2}:\\d{2}\\.\\d+Z.*"), "no ISO instants in the register: " + registerText);
            browser.savePdfPage(pdf.body(), "13b-loan-register-pdf");
            browser.go("/ui/retention.xhtml");
            assertTrue(browser.awaitText("到期清单").contains("法律冻结"));
            browser.screenshot("14-retention");
            browser.go("/ui/file-plan.xhtml");
            assertTrue(browser.awaitText("理赔案卷").contains("承保案卷"));
            browser.screenshot("15-file-plan");
            browser.signOut();

            browser.signIn(new Users.Account("admin", System.getProperty("it.admin.password"), admin()));
            browser.go("/ui/users.xhtml");
            assertTrue(browser.awaitText(clerk.username()).contains("档案员"));
            assertTrue(browser.all(By.id("nav-search")).isEmpty(), "ADMIN alone reads no content");
            assertTrue(browser.gapBetween(By.id("users:save"), By.id("users:new")) >= 6, "the form's buttons do not touch");
            browser.screenshot("16-users");
        }
        ApiClient.Reply loans = adjuster.api().get("/api/loans?mine=true");
        assertTrue(loans.text().contains(loanNumber) && loans.text().contains("ACTIVE"), loans::toString);
    }

    @Test
    void aWrongPasswordIsRefusedInChineseAndAudited() {
        Users.Account clerk = Users.account("clerk", "INTERNAL", "档案室", "CLERK");
        Users.Account auditor = Users.account("auditor", "SECRET", "稽核部", "AUDITOR");
        try (Browser browser = Browser.open()) {
            browser.go("/ui/login.xhtml");
            browser.type(By.id("signin:username"), clerk.username());
            browser.type(By.id("signin:password"), "not-" + clerk.password());
            browser.click(By.id("signin:submit"));
            assertTrue(browser.awaitText("用户名或密码错误").contains("登录"));
            assertTrue(browser.driver().getCurrentUrl().contains("/ui/login.xhtml"));
            double[] refusal = browser.lines(By.cssSelector("#messages li"));
            assertTrue(refusal[0] == 1 || refusal[1] >= 3, "no character is left alone on the refusal's last line: "
                    + refusal[0] + " lines, the last " + refusal[1] + " em");
            browser.screenshot("00-sign-in-refused");
            browser.go("/ui/audit.xhtml");
            assertTrue(browser.driver().getCurrentUrl().contains("/ui/login.xhtml"), "the desk needs a sign-in");

            browser.signIn(clerk);
            browser.go("/ui/audit.xhtml");
            assertTrue(browser.awaitText("您无权查看审计日志").contains("我的工作台"), "a clerk is sent home from the audit trail, told in words what was refused");
            browser.click(By.id("header:lang-en"));
            assertTrue(browser.awaitText("My desk").contains("Open dossiers"));
        }
        JsonNode events = auditor.api().get("/api/audit?action=LOGIN_FAILED&actor=" + clerk.username()).json();
        assertEquals(1, events.get("total").asInt(), events::toString);
        JsonNode denied = auditor.api().get("/api/audit?action=ACCESS_DENIED&actor=" + clerk.username()).json();
        assertTrue(denied.get("total").asInt() >= 1, denied::toString);
    }

    @Test
    void aDocumentMarkedStricterThanItsDossierIsListedLockedAndCanBeBorrowedAlone() {
        ApiClient clerk = Users.create("clerk", "SECRET", "档案室", "CLERK");
        Users.Account adjuster = Users.account("adjuster", "INTERNAL", "理赔三部", "ADJUSTER");
        JsonNode created = Dossiers.create(clerk, Dossiers.claim("车险", "理赔三部", "INTERNAL"));
        String dossier = created.get("id").asText();
        clerk.upload(dossier, "报案记录 追尾".getBytes(StandardCharsets.UTF_8), "报案记录.txt",
                Dossiers.itemMetadata("报案记录", "FIRST_NOTICE_OF_LOSS"));
        String secret = clerk.upload(dossier, "伤者病历 诊断".getBytes(StandardCharsets.UTF_8), "病历.txt",
                Dossiers.itemMetadata("伤者病历", "OTHER").put("securityLevel", "CONFIDENTIAL")).json().get("id").asText();
        try (Browser browser = Browser.open()) {
            browser.signIn(adjuster);
            browser.go("/ui/dossier.xhtml?id=" + dossier);
            assertFalse(browser.awaitText("受限文件").contains("伤者病历"), "a locked document shows that it is there, not what it is");
            List<WebElement> downloads = browser.all(By.cssSelector(".desk-download"));
            assertEquals(1, downloads.size(), "only the readable document can be downloaded");
            List<WebElement> locked = browser.all(By.cssSelector(".desk-request-item-loan"));
            assertEquals(1, locked.size());
            assertEquals("申请借阅此文件", locked.get(0).getAttribute("textContent"), "the link's text has no stray space");
            assertEquals(1.0, browser.lines(By.cssSelector(".desk-request-item-loan"))[0], "the loan link stays on one line");
            browser.screenshot("18-dossier-locked-item");
            locked.get(0).click();
            assertTrue(browser.awaitText("仅此文件").contains(created.get("title").asText()));
            browser.type(By.id("loan:purpose"), "核对伤情");
            browser.click(By.id("loan:submit"));
            browser.awaitText("已提交");
        }
        JsonNode loans = adjuster.api().get("/api/loans?mine=true&status=REQUESTED").json();
        JsonNode loan = loans.get("loans").get(0);
        assertEquals(dossier, loan.get("dossierId").asText(), loans::toString);
        assertEquals(1, loan.get("itemIds").size(), loans::toString);
        assertEquals(secret, loan.get("itemIds").get(0).asText());
    }

    private static String fileClaim(Browser browser, String title, String department) {
        browser.click(By.id("nav-new"));
        browser.awaitText("新建案卷");
        String claimNumber = Users.unique("CL").toUpperCase();
        Map<String, String> fields = Map.of("claimNumber", claimNumber, "policyNumber", Users.unique("PDAA").toUpperCase(),
                "productLine", "家财险", "title", title, "department", department, "insured", "王芳",
                "lossDate", "2025/7/2", "claimAmount", "¥8,600", "metadata.lossCause", "水管爆裂",
                "metadata.vehiclePlate", "沪A12345");
        assertEquals("choices-department", browser.find(By.cssSelector("[data-field='department']")).getAttribute("list"));
        assertFalse(browser.all(By.cssSelector("#choices-department option[value='" + department + "']")).isEmpty(),
                "the departments people belong to are offered");
        assertEquals("choices-productLine", browser.find(By.cssSelector("[data-field='productLine']")).getAttribute("list"));
        browser.type(By.cssSelector("[data-field='lossDate']"), "2025-13-45");
        browser.type(By.cssSelector("[data-field='claimAmount']"), "八千六");
        browser.type(By.cssSelector("[data-field='metadata.vehiclePlate']"), "12345");
        browser.click(By.id("dossier-form:create"));
        browser.awaitText("出险日期");
        String refused = browser.text(By.id("messages"));
        assertTrue(refused.contains("有填写内容需要更正"), refused);
        for (String line : List.of("赔案号：必填。", "案卷题名：必填。", "出险日期：请填写有效日期，格式为 年-月-日，例如 2025-03-01。",
                "索赔金额：请填写不小于 0 的金额，最多两位小数，例如 8600.00。", "车牌号：请填写车牌号：")) {
            assertTrue(refused.contains(line), line + " in " + refused);
        }
        for (String jargon : List.of("claimNumber", "RFC 3339", "属性", "模式", "正则")) {
            assertFalse(refused.contains(jargon), jargon + " in " + refused);
        }
        assertTrue(refused.indexOf("赔案号") < refused.indexOf("部门") && refused.indexOf("部门") < refused.indexOf("出险日期"),
                "refused fields come in the form's order: " + refused);
        WebElement lossDate = browser.find(By.cssSelector("[data-field='lossDate']"));
        assertEquals("2025-13-45", lossDate.getAttribute("value"), "a refused form keeps what was typed");
        assertEquals("true", lossDate.getAttribute("aria-invalid"));
        assertTrue(lossDate.getAttribute("class").contains("desk-invalid"), lossDate.getAttribute("class"));
        assertEquals("请填写有效日期，格式为 年-月-日，例如 2025-03-01。",
                lossDate.findElement(By.xpath("following-sibling::*[contains(@class,'desk-field-error')]")).getText());
        assertEquals("false", browser.find(By.cssSelector("[data-field='insured']")).getAttribute("aria-invalid"));
        List<Integer> starts = browser.all(By.cssSelector("#messages li")).stream().map(line -> line.getRect().getX()).distinct().toList();
        assertEquals(1, starts.size(), "every line of the refusal starts at the same place: " + starts);
        browser.screenshot("03a-new-dossier-refused");
        fields.forEach((name, value) -> browser.type(By.cssSelector("[data-field='" + name + "']"), value));
        new Select(browser.find(By.cssSelector("[data-field='securityLevel']"))).selectByValue("INTERNAL");
        assertTrue(browser.all(By.cssSelector("#messages li")).isEmpty(), "a corrected form no longer shows the refusal");
        assertTrue(browser.all(By.cssSelector(".desk-invalid, .desk-field-error")).isEmpty(), "no field is marked once corrected");
        browser.screenshot("03-new-dossier");
        browser.click(By.id("dossier-form:create"));
        browser.awaitText("已创建");
        assertTrue(browser.pageText().contains(title));
        assertFalse(browser.pageText().contains("有填写内容需要更正"), "the refusal does not follow the created dossier");
        return browser.driver().getCurrentUrl();
    }

    private static void uploadThree(Browser browser) throws IOException {
        Path folder = Files.createTempDirectory("web-journey");
        Map<String, String> documents = new java.util.LinkedHashMap<>();
        documents.put("FIRST_NOTICE_OF_LOSS", "报案记录");
        documents.put("CLAIM_DECISION", "理赔决定通知书");
        documents.put("PAYMENT_VOUCHER", "赔款支付凭证");
        int filed = 0;
        for (Map.Entry<String, String> document : documents.entrySet()) {
            Path file = folder.resolve(document.getValue() + ".pdf");
            Files.write(file, ChineseDocuments.pdf(document.getValue() + "：王芳家庭财产水管爆裂，厨房进水。"));
            new Select(browser.find(By.id("upload:document-type"))).selectByValue(document.getKey());
            browser.awaitAjax();
            browser.driver().findElement(By.cssSelector("#upload input[type='file']")).sendKeys(file.toString());
            int expected = ++filed;
            browser.await(d -> d.findElements(By.cssSelector("#dossier\\:item-table_data tr[data-ri]")).size() == expected);
            browser.awaitAjax();
        }
        browser.await(d -> d.findElements(By.cssSelector("[data-state='DONE']")).size() == 3, EXTRACTION);
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}

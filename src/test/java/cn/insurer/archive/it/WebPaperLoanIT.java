package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** The archive's counter in a real browser: a scanned label, an original handed out and checked back in; a borrower's renewal. */
class WebPaperLoanIT extends ServerTestBase {

    private static final String DEPARTMENT = "理赔部";

    @Test
    void theCounterHandsAnOriginalOutOnAScanAndChecksItBackInWithItsCondition() {
        Users.Account clerk = Users.account("wpclerk", "SECRET", "档案室", "CLERK");
        Users.Account borrower = Users.account("wpadjuster", "INTERNAL", DEPARTMENT, "ADJUSTER");
        ApiClient head = Users.create("wphead", "SECRET", DEPARTMENT, "DEPARTMENT_HEAD");
        ApiClient manager = Users.create("wpmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        String dossier = Dossiers.create(clerk.api(), Dossiers.claim("车险", DEPARTMENT, "INTERNAL")).get("id").asText();
        assertEquals(200, clerk.api().put("/api/dossiers/" + dossier + "/location", Map.of("room", "一号库房", "shelf", "C-02", "box", "0201")).status());
        assertEquals(201, clerk.api().post("/api/dossiers/" + dossier + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2025-07-01")).status());
        Dossiers.seal(manager, dossier);
        String code = clerk.api().get("/api/dossiers/" + dossier).json().get("archivalCode").asText();
        JsonNode loan = borrower.api().post("/api/loans", Map.of("dossierId", dossier, "purpose", "诉讼需出示原件", "kind", "ORIGINAL", "days", 5)).json();
        String number = loan.get("number").asText();
        assertEquals("ACTIVE", head.post("/api/loans/" + loan.get("id").asText() + "/approve", Map.of("comment", "同意")).json().get("status").asText());

        try (Browser browser = Browser.open()) {
            browser.signIn(borrower);
            browser.go("/ui/home.xhtml");
            browser.awaitText("已批准，请到档案室领取原件。");
            browser.signOut();

            browser.signIn(clerk);
            browser.go("/ui/home.xhtml");
            browser.click(By.id("nav-originals"));
            browser.awaitText("纸质原件出库与归还入库");
            browser.find(By.id("scan:code")).sendKeys(code + Keys.ENTER);
            browser.awaitText("一号库房 / C-02 / 0201");
            assertTrue(browser.text(By.cssSelector(".desk-original-state[data-loan='" + number + "']")).contains("已批准，待领取"));
            browser.awaitAjax();
            browser.screenshot("40-originals-counter");
            browser.click(By.cssSelector(".desk-hand-out[data-loan='" + number + "']"));
            browser.awaitText("借阅单 " + number + " 的原件已交给");
            assertTrue(browser.text(By.cssSelector(".desk-holder[data-loan='" + number + "']")).contains("测试用户"),
                    "the list of originals out names who holds it");
            assertTrue(browser.text(By.cssSelector(".desk-out-dossier[data-loan='" + number + "']")).contains(code));
            browser.awaitAjax();
            browser.screenshot("41-originals-out");
            browser.phone();
            browser.go("/ui/originals.xhtml");
            browser.awaitText("在外原件");
            assertTrue(browser.fitsWidth(), browser.overflowing());
            browser.screenshot("41-originals-out-phone");
            browser.desktop();
            browser.signOut();

            browser.signIn(borrower);
            browser.go("/ui/home.xhtml");
            browser.awaitText("原件在您处，请按期交回档案室。");
            browser.signOut();

            browser.signIn(clerk);
            browser.go("/ui/originals.xhtml");
            browser.find(By.id("scan:code")).sendKeys(code + Keys.ENTER);
            browser.awaitText("已出库，自");
            browser.click(By.cssSelector(".desk-check-in[data-loan='" + number + "']"));
            browser.awaitText("归还状况：必填");
            browser.type(By.cssSelector(".desk-condition[data-loan='" + number + "']"), "完好，页数齐全");
            browser.click(By.cssSelector(".desk-check-in[data-loan='" + number + "']"));
            browser.awaitText("借阅单 " + number + " 的原件已归还入库。");
            browser.awaitText("所有原件均在库房。");
        }
        JsonNode back = borrower.api().get("/api/loans/" + loan.get("id").asText()).json();
        assertEquals("RETURNED", back.get("status").asText());
        assertEquals("完好，页数齐全", back.get("condition").asText());
        assertEquals(clerk.username(), back.get("checkedInBy").asText());
    }

    @Test
    void aBorrowerAsksToRenewFromTheirLoansAndTheApproverSeesItIsARenewal() throws Exception {
        Users.Account borrower = Users.account("wpadjuster", "INTERNAL", DEPARTMENT, "ADJUSTER");
        Users.Account head = Users.account("wphead", "SECRET", DEPARTMENT, "DEPARTMENT_HEAD");
        ApiClient clerk = Users.create("wpclerk", "SECRET", "档案室", "CLERK");
        String dossier = Dossiers.create(clerk, Dossiers.claim("车险", DEPARTMENT, "INTERNAL")).get("id").asText();
        JsonNode loan = borrower.api().post("/api/loans", Map.of("dossierId", dossier, "purpose", "理赔参考", "kind", "COPY", "days", 3)).json();
        String number = loan.get("number").asText();
        head.api().post("/api/loans/" + loan.get("id").asText() + "/approve", Map.of("comment", "同意"));

        try (Browser browser = Browser.open()) {
            browser.signIn(borrower);
            browser.go("/ui/home.xhtml");
            java.net.http.HttpResponse<byte[]> slip = browser.download(
                    browser.find(By.cssSelector(".desk-loan-slip[data-loan='" + number + "']")).getAttribute("href"));
            assertEquals(200, slip.statusCode());
            try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(slip.body())) {
                assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(document).contains(number), "the 借阅单 of the loan");
            }
            browser.click(By.cssSelector(".desk-renew-loan[data-loan='" + number + "']"));
            browser.awaitText("续借申请");
            assertTrue(browser.text(By.id("renewed-loan")).contains(number));
            browser.type(By.id("loan:days"), "4");
            browser.type(By.id("loan:purpose"), "复印件需补充提交法院");
            browser.awaitAjax();
            browser.screenshot("42-renewal");
            browser.click(By.id("loan:submit"));
            browser.awaitText("借阅单 " + number + " 的续借申请");
            assertTrue(browser.all(By.cssSelector(".desk-renew-loan[data-loan='" + number + "']")).isEmpty(),
                    "one renewal waits at a time");
            browser.signOut();

            browser.signIn(head);
            browser.go("/ui/inbox.xhtml");
            browser.awaitText("复印件需补充提交法院");
            assertTrue(browser.pageText().contains("续借"), browser.pageText());
        }
    }
}

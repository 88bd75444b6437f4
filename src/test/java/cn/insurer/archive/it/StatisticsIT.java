package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * 档案统计 against a known data set: sealed claims of a year no other test files, loans of a
 * department no other test has; the rest as the difference the data set makes. Every figure is
 * confined to what the reader may see, and the page draws the same figures as the export.
 */
class StatisticsIT extends ServerTestBase {

    private static final String YEAR = "2003";

    @Test
    void theFiguresCountExactlyWhatWasFiledAndLentAndOnlyWhatTheReaderMaySee() throws Exception {
        Users.Account manager = Users.account("stmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        ApiClient confidentialManager = Users.create("stmanager", "CONFIDENTIAL", "档案室", "ARCHIVE_MANAGER");
        ApiClient clerk = Users.create("stclerk", "SECRET", "档案室", "CLERK");
        String department = "统计部" + Users.unique("d").replaceAll("[^0-9a-f]", "").substring(0, 6);
        ApiClient borrower = Users.create("stadjuster", "SECRET", department, "ADJUSTER");
        ApiClient head = Users.create("sthead", "SECRET", "理赔部", "DEPARTMENT_HEAD");

        String before = csv(manager.api());
        String first = sealedClaim(clerk, manager.api(), "INTERNAL");
        sealedClaim(clerk, manager.api(), "INTERNAL");
        sealedClaim(clerk, manager.api(), "CONFIDENTIAL");
        sealedClaim(clerk, manager.api(), "SECRET");

        String returned = loan(borrower, first, "VIEW");
        head.post("/api/loans/" + returned + "/approve", Map.of("comment", "同意"));
        assertEquals(200, borrower.post("/api/loans/" + returned + "/return", "").status());
        String late = loan(borrower, first, "COPY");
        head.post("/api/loans/" + late + "/approve", Map.of("comment", "同意"));
        Database.query("update loan set due_at = now() - interval '1 hour' where id = ?::uuid returning id", late);
        String rejected = loan(borrower, first, "VIEW");
        head.post("/api/loans/" + rejected + "/reject", Map.of("comment", "用途不明"));

        String after = csv(manager.api());
        assertEquals("4", figure(after, "馆藏·年度", YEAR), after);
        assertEquals("3", figure(csv(confidentialManager), "馆藏·年度", YEAR), "a SECRET dossier is not counted for a CONFIDENTIAL reader");
        assertEquals(4, number(after, "馆藏·门类", "理赔") - number(before, "馆藏·门类", "理赔"));
        assertEquals(2, number(after, "馆藏·密级", "内部") - number(before, "馆藏·密级", "内部"));
        assertEquals(1, number(after, "馆藏·密级", "秘密") - number(before, "馆藏·密级", "秘密"));
        assertEquals(4, number(after, "馆藏·保管期限", "10年") - number(before, "馆藏·保管期限", "10年"));
        assertEquals("3", figure(after, "借阅·部门", department), after);
        assertEquals(2, number(after, "借阅·方式", "在线查阅") - number(before, "借阅·方式", "在线查阅"));
        String overdueBefore = group(before, "借阅·逾期");
        String overdueAfter = group(after, "借阅·逾期");
        assertEquals(2, count(overdueAfter, "已生效 ") - count(overdueBefore, "已生效 "), overdueAfter);
        assertEquals(1, count(overdueAfter, "逾期 ") - count(overdueBefore, "逾期 "), overdueAfter);

        ApiClient.Reply xlsx = manager.api().get("/api/reports/statistics?format=xlsx");
        assertEquals(200, xlsx.status());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertTrue(workbook.getSheetAt(0).getLastRowNum() > 10);
        }
        try (PDDocument pdf = Loader.loadPDF(manager.api().get("/api/reports/statistics?format=pdf").body())) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("档案统计") && text.contains(department), text);
        }
        String ledger = manager.api().get("/api/reports/claim-ledger?format=csv").text();
        JsonNode claim = manager.api().get("/api/dossiers/" + first).json();
        assertTrue(ledger.contains(claim.get("claimNumber").asText() + "," + claim.get("policyNumber").asText()), ledger);
        assertEquals(403, borrower.get("/api/reports/statistics?format=csv").status());

        try (Browser browser = Browser.open()) {
            browser.signIn(manager);
            browser.go("/ui/home.xhtml");
            browser.click(By.id("nav-statistics"));
            browser.awaitText("馆藏·年度");
            browser.await(driver -> driver.findElements(By.cssSelector(".desk-chart canvas")).size() >= 5);
            String years = browser.text(By.cssSelector(".desk-statistic[data-section='馆藏·年度']"));
            assertTrue(years.contains(YEAR + " 4") || years.contains(YEAR + "\n4"), years);
            browser.screenshot("45-statistics");
            browser.phone();
            browser.go("/ui/statistics.xhtml");
            browser.awaitText("馆藏·年度");
            assertTrue(browser.fitsWidth(), browser.overflowing());
            browser.screenshot("45-statistics-phone");
        }
    }

    private static String sealedClaim(ApiClient clerk, ApiClient manager, String level) {
        String id = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", level)).get("id").asText();
        assertEquals(201, clerk.post("/api/dossiers/" + id + "/events", Map.of("event", "CLAIM_CLOSED", "date", YEAR + "-05-01")).status());
        Dossiers.seal(manager, id);
        return id;
    }

    private static String loan(ApiClient borrower, String dossier, String kind) {
        ApiClient.Reply reply = borrower.post("/api/loans", Map.of("dossierId", dossier, "purpose", "统计测试", "kind", kind, "days", 3));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().get("id").asText();
    }

    private static String csv(ApiClient reader) {
        ApiClient.Reply reply = reader.get("/api/reports/statistics?format=csv");
        assertEquals(200, reply.status(), reply::toString);
        return reply.text();
    }

    /** The 数量 of a section's group, or null when the register has no such line. */
    private static String figure(String csv, String section, String group) {
        for (String line : csv.split("\r?\n")) {
            if (line.startsWith(section + "," + group + ",")) {
                return line.substring((section + "," + group + ",").length());
            }
        }
        return null;
    }

    private static long number(String csv, String section, String group) {
        String value = figure(csv, section, group);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The 分组 cell of a section's only line. */
    private static String group(String csv, String section) {
        for (String line : csv.split("\r?\n")) {
            if (line.startsWith(section + ",")) {
                return line.split(",")[1];
            }
        }
        throw new AssertionError("no " + section + " in " + csv);
    }

    private static long count(String words, String label) {
        int at = words.indexOf(label);
        String rest = words.substring(at + label.length());
        return Long.parseLong(rest.replaceAll("^(\\d+).*$", "$1"));
    }
}

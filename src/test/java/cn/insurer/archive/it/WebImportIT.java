package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The desk's bulk import in a real headless Chromium: a clerk uploads a package whose ledger names
 * one file that is not in it, follows the progress to the end, sees the counts and the error row,
 * and downloads the error report, which the trail records like the API's.
 */
class WebImportIT extends ServerTestBase {

    @Test
    void aClerkUploadsAPackageFollowsItToTheEndAndDownloadsItsErrors() throws Exception {
        Users.Account clerk = Users.account("clerk", "CONFIDENTIAL", "理赔部", "CLERK");
        Users.Account auditor = Users.account("auditor", "SECRET", "稽核部", "AUDITOR");
        String claim = ImportPackageBuilder.claimNumber();
        String missing = "scans/" + claim + "/survey.pdf";
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                        ImportPackageBuilder.claimRow(claim, "机动车辆出险通知书", "FIRST_NOTICE_OF_LOSS", "scans/" + claim + "/fnol.txt"),
                        ImportPackageBuilder.claimRow(claim, "现场查勘报告", "SURVEY_REPORT", missing)))
                .text("scans/" + claim + "/fnol.txt", "报案记录 " + claim)
                .zip();
        Path file = Files.createTempDirectory("web-import").resolve("分公司台账-" + claim + ".zip");
        Files.write(file, zip);

        String importId;
        try (Browser browser = Browser.open()) {
            browser.signIn(clerk);
            browser.click(By.id("nav-imports"));
            assertTrue(browser.awaitText("上传导入包").contains("我最近的导入"));
            browser.driver().findElement(By.cssSelector("#upload input[type='file']")).sendKeys(file.toString());

            browser.await(d -> d.findElements(By.cssSelector("[data-status='COMPLETED']")).size() == 1, Duration.ofMinutes(2));
            browser.awaitAjax();
            assertFalse(browser.pageText().contains("已开始导入"), "a finished import is no longer announced as started");
            assertEquals("100 %", browser.text(By.id("import-percent")));
            assertEquals("2 / 2", browser.text(By.id("imports:done")));
            assertEquals("1", browser.text(By.id("imports:imported")));
            assertEquals("0", browser.text(By.id("imports:skipped")));
            assertEquals("0", browser.text(By.id("imports:conflicts")));
            assertEquals("1", browser.text(By.id("imports:failed")));
            assertTrue(browser.text(By.id("imports:rate")).endsWith("行/秒"), browser.text(By.id("imports:rate")));
            String errors = browser.text(By.id("imports:errors"));
            assertTrue(errors.contains("3") && errors.contains(missing) && errors.contains("该行列出的文件不在导入包中"), errors);
            assertTrue(browser.text(By.id("imports:recent-table")).contains("已完成"));
            browser.screenshot("17-import");

            HttpResponse<byte[]> template = browser.download(browser.find(By.id("manifest-template")).getAttribute("href"));
            assertEquals(200, template.statusCode());
            assertTrue(template.headers().firstValue("Content-Disposition").orElse("").contains(
                    java.net.URLEncoder.encode("导入台账模板.csv", StandardCharsets.UTF_8)), template.headers()::toString);
            assertTrue(new String(template.body(), StandardCharsets.UTF_8).startsWith("\uFEFF案卷类型,赔案号,保单号"),
                    "the template names the columns the import reads");

            String report = browser.find(By.id("imports:error-report")).getAttribute("href");
            importId = report.substring(report.lastIndexOf('/') + 1);
            HttpResponse<byte[]> csv = browser.download(report);
            assertEquals(200, csv.statusCode());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            String text = new String(csv.body(), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("\uFEFF行号,文件路径,原因"), text);
            assertTrue(text.contains("3,\"" + missing + "\",\"该行列出的文件不在导入包中。\""), text);
        }

        JsonNode run = clerk.api().get("/api/imports/" + importId).json();
        assertEquals("COMPLETED", run.get("status").asText(), run::toString);
        assertEquals(1, run.get("imported").asInt(), run::toString);
        JsonNode dossiers = clerk.api().get("/api/dossiers?type=CLAIM&businessKey=" + claim).json();
        assertEquals(1, dossiers.get("total").asInt(), dossiers::toString);
        JsonNode downloads = auditor.api().get("/api/audit?action=IMPORT_ERRORS_DOWNLOADED&actor=" + clerk.username()).json();
        assertEquals(1, downloads.get("total").asInt(), downloads::toString);
    }

    @Test
    void aFileThatIsNotAZipIsRefusedOnThePageAndNothingStarts() throws Exception {
        Users.Account clerk = Users.account("clerk", "INTERNAL", "理赔部", "CLERK");
        Path file = Files.createTempDirectory("web-import").resolve("台账.zip");
        Files.writeString(file, "这不是 ZIP 文件");
        try (Browser browser = Browser.open()) {
            browser.signIn(clerk);
            browser.go("/ui/imports.xhtml");
            browser.driver().findElement(By.cssSelector("#upload input[type='file']")).sendKeys(file.toString());
            browser.awaitText("导入包不是可读取的 ZIP 文件");
            browser.awaitAjax();
            assertTrue(browser.all(By.id("import-status")).isEmpty(), "a refused package starts no import");
            assertTrue(browser.text(By.id("imports:recent-table")).contains("您还没有导入过"));
        }
        List<?> runs = Database.query("select id from import_run where started_by = ?", clerk.username());
        assertTrue(runs.isEmpty(), runs::toString);
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The access log as auditors take it away: CSV, XLSX and PDF with Chinese headings. */
class ReportIT extends ServerTestBase {

    private static ApiClient auditor;
    private static ApiClient clerk;
    private static String itemId;

    @BeforeAll
    static void someoneReadsADocument() {
        auditor = Users.create("auditor", "SECRET", "稽核部", "AUDITOR");
        clerk = Users.create("clerk", "INTERNAL", "档案室", "CLERK");
        String dossier = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        itemId = clerk.upload(dossier, "查勘记录".getBytes(StandardCharsets.UTF_8), "查勘记录.txt",
                Dossiers.itemMetadata("查勘记录", "SURVEY_REPORT")).json().get("id").asText();
        assertEquals(200, clerk.get("/api/items/" + itemId + "/content").status());
    }

    private static ApiClient.Reply report(String format) {
        return auditor.get(ApiClient.query("/api/reports/access-log", Map.of("format", format, "actor", clerk.username())));
    }

    @Test
    void csvHasTheHeaderBlockAndTheRead() {
        ApiClient.Reply csv = report("csv");
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.contentType().startsWith("text/csv"));
        assertTrue(csv.header("Content-Disposition").contains("access-log-"));
        String text = csv.text();
        assertTrue(text.startsWith("\uFEFF访问日志"), text);
        assertTrue(text.contains("生成人,测试用户 " + auditor.username() + "（" + auditor.username() + "）"),
                "the header names who generated it by name and username: " + text);
        assertTrue(text.contains("序号,时间,用户,操作,对象,结果,客户端地址,详情"), text);
        assertTrue(text.contains(clerk.username() + ",下载原件,item:" + itemId + ",成功"), text);
    }

    @Test
    void xlsxOpensWithTheSameRows() throws Exception {
        ApiClient.Reply xlsx = report("xlsx");
        assertEquals(200, xlsx.status(), xlsx::toString);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertEquals("访问日志", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals("序号", sheet.getRow(4).getCell(0).getStringCellValue());
            boolean found = false;
            for (Row row : sheet) {
                if (row.getRowNum() > 4 && "下载原件".equals(row.getCell(3).getStringCellValue())
                        && ("item:" + itemId).equals(row.getCell(4).getStringCellValue())) {
                    found = true;
                }
            }
            assertTrue(found, "the content read is listed");
        }
    }

    @Test
    void pdfIsPrintableChinese() throws Exception {
        ApiClient.Reply pdf = report("pdf");
        assertEquals(200, pdf.status(), pdf::toString);
        assertEquals("application/pdf", pdf.contentType());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("访问日志"), text);
            assertTrue(text.contains("下载原件"), text);
            assertTrue(text.contains("第 1 页"), text);
        }
    }

    @Test
    void wrongRequestsAreClear() {
        assertEquals(400, report("docx").status());
        assertEquals(404, auditor.get("/api/reports/no-such-register").status());
        assertEquals(403, clerk.get("/api/reports/access-log").status());
        JsonAssert.problem(auditor.get(ApiClient.query("/api/reports/access-log", Map.of("from", "last week"))), 400);
        ApiClient.Reply generated = auditor.get(ApiClient.query("/api/audit", Map.of("actor", auditor.username(), "action", "REPORT_GENERATED")));
        assertTrue(generated.json().get("total").asInt() >= 1, "generating a report is itself audited");
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bulk import: manifest formats and encodings, dossiers by business key, idempotence, conflicts, progress. */
class ImportIT extends ServerTestBase {

    private static ApiClient clerk;

    @BeforeAll
    static void users() {
        clerk = Users.create("importer", "CONFIDENTIAL", "理赔部", "CLERK");
    }

    private static JsonNode dossier(String claimNumber) {
        JsonNode page = clerk.get("/api/dossiers?type=CLAIM&businessKey=" + claimNumber).json();
        assertEquals(1, page.get("total").asInt(), page::toString);
        return clerk.get("/api/dossiers/" + page.get("dossiers").get(0).get("id").asText()).json();
    }

    private static int count(String sql, Object... parameters) {
        return ((Number) Database.query(sql, parameters).get(0).get("n")).intValue();
    }

    @Test
    void aUtf8CsvWithChineseHeadingsCreatesAndExtendsDossiersAndASecondRunAddsNothing() {
        String first = ImportPackageBuilder.claimNumber();
        String second = ImportPackageBuilder.claimNumber();
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                        ImportPackageBuilder.claimRow(first, "机动车辆出险通知书", "FIRST_NOTICE_OF_LOSS", "scans/" + first + "/fnol.txt"),
                        ImportPackageBuilder.claimRow(first, "现场查勘报告，含照片", "查勘报告", "scans/" + first + "/survey.txt"),
                        ImportPackageBuilder.claimRow(second, "定损单", "LOSS_ASSESSMENT", "scans/" + second + "/loss.txt")))
                .text("scans/" + first + "/fnol.txt", "报案记录 " + first)
                .text("scans/" + first + "/survey.txt", "查勘报告 " + first)
                .text("scans/" + second + "/loss.txt", "定损单 " + second)
                .zip();

        JsonNode done = ImportRuns.run(clerk, zip);
        assertEquals("COMPLETED", done.get("status").asText(), done::toString);
        assertEquals(3, done.get("total").asInt());
        assertEquals(3, done.get("done").asInt());
        assertEquals(3, done.get("imported").asInt());
        assertEquals(0, done.get("failed").asInt());
        assertEquals(0, done.get("errorCount").asInt(), done::toString);
        assertTrue(done.get("rate").asDouble() > 0, done::toString);
        assertEquals(0, done.get("eta").asInt());

        JsonNode claim = dossier(first);
        assertEquals("张伟 车险 理赔案卷 " + first, claim.get("title").asText());
        assertEquals("2025-06-18", claim.get("lossDate").asText());
        assertEquals(2, claim.get("items").size());
        assertEquals("现场查勘报告，含照片", claim.get("items").get(1).get("title").asText());
        assertEquals("SURVEY_REPORT", claim.get("items").get(1).get("documentType").asText());
        assertEquals("survey.txt", claim.get("items").get(1).get("fileName").asText());
        assertEquals(1, dossier(second).get("items").size());
        String dossierId = claim.get("id").asText();
        assertEquals(2, count("select count(*) as n from audit_event where action = 'ITEM_UPLOADED' and target = ? and actor = ?",
                "dossier:" + dossierId, clerk.username()));
        assertEquals(1, count("select count(*) as n from audit_event where action = 'DOSSIER_CREATED' and target = ?",
                "dossier:" + dossierId));

        String firstId = done.get("id").asText();
        JsonNode again = ImportRuns.run(clerk, zip);
        assertEquals("COMPLETED", again.get("status").asText(), again::toString);
        assertEquals(3, again.get("total").asInt());
        assertEquals(0, again.get("imported").asInt());
        assertEquals(3, again.get("skipped").asInt());
        assertEquals(List.of(firstId), List.of(again.get("samePackageAs").get(0).asText()));
        assertEquals(2, dossier(first).get("items").size());
        assertEquals(1, dossier(second).get("items").size());
        assertEquals(3, count("select count(*) as n from import_row where import_id = cast(? as uuid) and outcome = 'SKIPPED_DUPLICATE'",
                again.get("id").asText()));
    }

    @Test
    void aGb18030CsvKeepsItsChineseText() {
        String number = ImportPackageBuilder.claimNumber();
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                        ImportPackageBuilder.claimRow(number, "维修发票（连云港福源汽车修理有限公司）", "维修发票", "发票.txt")),
                        Charset.forName("GB18030"), false)
                .text("发票.txt", "维修发票 " + number)
                .zip();
        JsonNode done = ImportRuns.run(clerk, zip);
        assertEquals(1, done.get("imported").asInt(), done::toString);
        JsonNode item = dossier(number).get("items").get(0);
        assertEquals("维修发票（连云港福源汽车修理有限公司）", item.get("title").asText());
        assertEquals("REPAIR_INVOICE", item.get("documentType").asText());
        assertEquals("发票.txt", item.get("fileName").asText());
        assertEquals("张伟", dossier(number).get("insured").asText());
    }

    @Test
    void anXlsxManifestWithEnglishHeadingsSentAsMultipartImports() throws Exception {
        String number = ImportPackageBuilder.claimNumber();
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("台账");
            List<String> headings = List.of("type", "claimNumber", "policyNumber", "productLine", "dossierTitle",
                    "department", "insured", "lossDate", "itemTitle", "documentType", "documentDate", "path");
            Row heading = sheet.createRow(0);
            for (int i = 0; i < headings.size(); i++) {
                heading.createCell(i).setCellValue(headings.get(i));
            }
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
            Row row = sheet.createRow(1);
            List<String> values = List.of("CLAIM", number, "P" + number, "企财险", "仓库水浸 理赔案卷", "理赔部", "上海某物流有限公司");
            for (int i = 0; i < values.size(); i++) {
                row.createCell(i).setCellValue(values.get(i));
            }
            row.createCell(7).setCellValue(java.time.LocalDate.of(2025, 3, 9));
            row.getCell(7).setCellStyle(dateStyle);
            row.createCell(8).setCellValue("仓库浸泡 现场查勘报告");
            row.createCell(9).setCellValue("SURVEY_REPORT");
            row.createCell(10).setCellValue("2025-03-10");
            row.createCell(11).setCellValue("survey.docx");
            workbook.write(xlsx);
        }
        byte[] zip = new ImportPackageBuilder().file("manifest.xlsx", xlsx.toByteArray())
                .file("survey.docx", ChineseDocuments.docx("现场查勘报告", "仓库浸泡 " + number)).zip();

        ApiClient.Multipart multipart = new ApiClient.Multipart();
        java.nio.file.Path temp = java.nio.file.Files.createTempFile("package", ".zip");
        java.nio.file.Files.write(temp, zip);
        multipart.file("file", "package.zip", temp);
        ApiClient.Reply reply = clerk.send(clerk.builder("/api/imports").header("Content-Type", multipart.contentType())
                .POST(multipart.publisher()));
        java.nio.file.Files.delete(temp);
        assertEquals(202, reply.status(), reply::toString);
        JsonNode done = ImportRuns.finished(clerk, reply.json().get("id").asText());
        assertEquals(1, done.get("imported").asInt(), done::toString);
        JsonNode claim = dossier(number);
        assertEquals("2025-03-09", claim.get("lossDate").asText());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                claim.get("items").get(0).get("mediaType").asText());
        JsonNode searched = Await.until(() -> clerk.get(ApiClient.query("/api/search", Map.of("q", "浸泡 " + number))).json(),
                result -> result.get("total").asInt() > 0);
        assertEquals(claim.get("id").asText(), searched.get("hits").get(0).get("dossierId").asText());
    }

    @Test
    void aChangedFileUnderTheSamePathIsAConflictInTheErrorReport() {
        String number = ImportPackageBuilder.claimNumber();
        List<String> manifest = List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                ImportPackageBuilder.claimRow(number, "理赔决定通知书", "CLAIM_DECISION", "decision.txt"));
        ImportRuns.run(clerk, new ImportPackageBuilder().csv(manifest).text("decision.txt", "赔付 12800 元").zip());
        JsonNode changed = ImportRuns.run(clerk, new ImportPackageBuilder().csv(manifest).text("decision.txt", "赔付 18000 元").zip());

        assertEquals("COMPLETED", changed.get("status").asText());
        assertEquals(1, changed.get("conflicts").asInt(), changed::toString);
        assertEquals(0, changed.get("imported").asInt());
        JsonNode error = changed.get("errors").get(0);
        assertEquals(2, error.get("row").asInt());
        assertEquals("decision.txt", error.get("path").asText());
        assertTrue(error.get("message").asText().contains("件号 1"), error::toString);
        assertEquals(1, dossier(number).get("items").size());

        ApiClient.Reply csv = clerk.get("/api/imports/" + changed.get("id").asText() + "/errors",
                Map.of("Accept-Language", "en"));
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertEquals((byte) 0xEF, csv.body()[0]);
        String[] lines = csv.text().substring(1).split("\r\n");
        assertEquals("行号,文件路径,原因", lines[0]);
        assertEquals(2, lines.length);
        assertTrue(lines[1].startsWith("2,\"decision.txt\",\"The dossier already holds a different file"), lines[1]);
        assertEquals(1, count("select count(*) as n from audit_event where action = 'IMPORT_ERRORS_DOWNLOADED' and target = ?",
                "import:" + changed.get("id").asText()));
    }

    /** Rows are filed a batch at a time: one refused inside the batch's transaction must not take the others with it. */
    @Test
    void aRowRefusedWhileFiledFailsAloneAndTheRowsAroundItAreFiledOnce() {
        String number = ImportPackageBuilder.claimNumber();
        String headings = ImportPackageBuilder.CHINESE_HEADINGS + ",文件密级";
        byte[] zip = new ImportPackageBuilder().csv(List.of(headings,
                        ImportPackageBuilder.claimRow(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "a.txt") + ",内部",
                        ImportPackageBuilder.claimRow(number, "查勘报告", "SURVEY_REPORT", "b.txt") + ",机密",
                        ImportPackageBuilder.claimRow(number, "定损单", "LOSS_ASSESSMENT", "c.txt") + ",内部"))
                .text("a.txt", "报案 " + number).text("b.txt", "查勘 " + number).text("c.txt", "定损 " + number)
                .zip();

        JsonNode done = ImportRuns.run(clerk, zip);
        assertEquals("COMPLETED", done.get("status").asText(), done::toString);
        assertEquals(2, done.get("imported").asInt(), done::toString);
        assertEquals(1, done.get("failed").asInt(), done::toString);
        JsonNode error = done.get("errors").get(0);
        assertEquals(3, error.get("row").asInt(), error::toString);
        assertEquals("b.txt", error.get("path").asText());
        assertTrue(error.get("message").asText().contains("涉密等级"), error::toString);

        JsonNode items = dossier(number).get("items");
        assertEquals(2, items.size(), items::toString);
        assertEquals(List.of("报案记录", "定损单"), List.of(items.get(0).get("title").asText(), items.get(1).get("title").asText()));
        assertEquals(List.of(1, 2), List.of(items.get(0).get("itemNumber").asInt(), items.get(1).get("itemNumber").asInt()));
        String target = "dossier:" + dossier(number).get("id").asText();
        assertEquals(2, count("select count(*) as n from audit_event where action = 'ITEM_UPLOADED' and target = ?", target));
        assertEquals(1, count("select count(*) as n from audit_event where action = 'DOSSIER_CREATED' and target = ?", target));
        assertEquals(2, count("select count(*) as n from imported_file where import_id = cast(? as uuid)", done.get("id").asText()));
        // The batch's dossier had its retention decided once, after its rows, in their transaction.
        assertEquals(1, count("select count(*) as n from dossier_retention where dossier_id = cast(? as uuid)",
                dossier(number).get("id").asText()));
    }

    @Test
    void aRowIntoADossierTheClerkMayNotChangeFailsAloneAndIsAudited() {
        ApiClient secretClerk = Users.create("isclerk", "SECRET", "理赔部", "CLERK");
        ApiClient head = Users.create("ihead", "SECRET", "理赔部", "DEPARTMENT_HEAD");
        ApiClient manager = Users.create("imanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        ApiClient auditor = Users.create("iauditor", "SECRET", "稽核部", "AUDITOR");
        JsonNode borrowed = Dossiers.create(secretClerk, Dossiers.claim("车险", "理赔部", "SECRET"));
        JsonNode unread = Dossiers.create(secretClerk, Dossiers.claim("车险", "理赔部", "SECRET"));
        String borrowedId = borrowed.get("id").asText();
        JsonNode loan = Loans.lend(clerk, borrowedId, "核对补充材料", 7, "同意", head, manager);
        assertEquals("ACTIVE", loan.get("status").asText(), loan::toString);
        assertEquals(200, clerk.get("/api/dossiers/" + borrowedId).status(), "the loan lends reading");

        String fresh = ImportPackageBuilder.claimNumber();
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                        ImportPackageBuilder.claimRow(borrowed.get("businessKey").asText(), "补充照片", "SURVEY_REPORT", "a.txt"),
                        ImportPackageBuilder.claimRow(fresh, "报案记录", "FIRST_NOTICE_OF_LOSS", "b.txt"),
                        ImportPackageBuilder.claimRow(unread.get("businessKey").asText(), "补充照片", "SURVEY_REPORT", "c.txt")))
                .text("a.txt", "照片说明 " + fresh).text("b.txt", "报案 " + fresh).text("c.txt", "照片 " + fresh)
                .zip();
        JsonNode done = ImportRuns.run(clerk, zip);
        assertEquals("COMPLETED", done.get("status").asText(), done::toString);
        assertEquals(1, done.get("imported").asInt(), done::toString);
        assertEquals(2, done.get("failed").asInt(), done::toString);
        assertEquals(1, dossier(fresh).get("items").size(), "the row between them is filed");
        for (JsonNode untouched : List.of(borrowed, unread)) {
            String id = untouched.get("id").asText();
            assertEquals(0, secretClerk.get("/api/dossiers/" + id).json().get("items").size(), "nothing filed into " + id);
            AuditQueries.assertDenied(auditor, clerk, "dossier:" + id, "item.upload");
        }
        JsonNode errors = done.get("errors");
        assertEquals("您无权上传文件。", errors.get(0).get("message").asText(), errors::toString);
        // One the clerk may not read is answered as any unknown key, so the import does not tell that it exists.
        assertEquals("案卷 " + unread.get("businessKey").asText() + " 不存在。", errors.get(1).get("message").asText(),
                errors::toString);
    }

    @Test
    void onlyTheClerkWhoStartedAnImportAndOverseersFollowIt() {
        String number = ImportPackageBuilder.claimNumber();
        String id = ImportRuns.start(clerk, new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                ImportPackageBuilder.claimRow(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "a.txt"))).text("a.txt", "报案 " + number).zip());
        ApiClient otherClerk = Users.create("clerk", "CONFIDENTIAL", "理赔部", "CLERK");
        JsonAssert.problem(otherClerk.get("/api/imports/" + id), 404);
        assertEquals(1, count("select count(*) as n from audit_event where action = 'ACCESS_DENIED' and actor = ? and target = ?",
                otherClerk.username(), "import:" + id));
        ApiClient adjuster = Users.create("adjuster", "INTERNAL", "理赔部", "ADJUSTER");
        JsonAssert.problem(adjuster.postRaw("/api/imports", "application/zip", new byte[] {1, 2, 3}), 403);
        ApiClient auditor = Users.create("auditor", "SECRET", "稽核部", "AUDITOR");
        assertEquals(200, auditor.get("/api/imports/" + id).status());
        assertEquals(1, ImportRuns.finished(clerk, id).get("imported").asInt());
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an import tells the clerk never carries the server's internals (SQL, driver and class
 * names, stack traces), whatever the package holds: characters PostgreSQL refuses are refused per
 * row with the column named, an unforeseen failure is an "internal error" with its details in the
 * server log only, and a huge XLSX manifest is refused without taking the server down.
 */
class ImportLeakIT extends ServerTestBase {

    /** Text that only an exception, a driver or the database would put into a message. */
    private static final List<String> INTERNALS = List.of("ERROR:", "org.postgresql", "PSQL", "java.", "jakarta.", "hibernate",
            "Exception", "SQL", "0x00", "\\u0000", "\u0000", "invalid byte sequence", "Unicode escape", " at cn.");

    private static ApiClient clerk;

    @BeforeAll
    static void users() {
        clerk = Users.create("leak", "CONFIDENTIAL", "理赔部", "CLERK");
    }

    /** All a clerk can read of an import: its view in both languages and its error report in both. */
    private static String everything(String id) {
        StringBuilder all = new StringBuilder();
        for (String language : List.of("zh-CN", "en")) {
            ApiClient.Reply view = clerk.get("/api/imports/" + id, Map.of("Accept-Language", language));
            assertEquals(200, view.status(), view::toString);
            ApiClient.Reply report = clerk.get("/api/imports/" + id + "/errors", Map.of("Accept-Language", language));
            assertEquals(200, report.status(), report::toString);
            all.append(view.text()).append('\n').append(report.text()).append('\n');
        }
        return all.toString();
    }

    private static void assertNoInternals(String id) {
        String all = everything(id);
        for (String internal : INTERNALS) {
            assertFalse(all.toLowerCase().contains(internal.toLowerCase()), () -> "\"" + internal + "\" in " + all);
        }
    }

    private static JsonNode english(String id) {
        return clerk.get("/api/imports/" + id, Map.of("Accept-Language", "en")).json();
    }

    private static void assertError(JsonNode view, Integer row, String path, String text) {
        List<String> messages = new ArrayList<>();
        for (JsonNode error : view.get("errors")) {
            boolean sameRow = row == null ? !error.hasNonNull("row") : error.path("row").asInt() == row;
            String errorPath = error.hasNonNull("path") ? error.get("path").asText() : "";
            if (sameRow && path.equals(errorPath) && error.get("message").asText().contains(text)) {
                return;
            }
            messages.add(error.path("row").asText("-") + " " + errorPath + " " + error.get("message").asText());
        }
        throw new AssertionError("no error " + row + " " + path + " " + text + " in " + messages);
    }

    private static int items(String claimNumber) {
        JsonNode page = clerk.get("/api/dossiers?type=CLAIM&businessKey=" + claimNumber).json();
        if (page.get("total").asInt() == 0) {
            return 0;
        }
        return clerk.get("/api/dossiers/" + page.get("dossiers").get(0).get("id").asText()).json().get("items").size();
    }

    /** One row as cells, in the order of {@link ImportPackageBuilder#CHINESE_HEADINGS}. */
    private static List<String> cells(String claimNumber, String itemTitle, String documentType, String path) {
        return List.of("理赔", claimNumber, "P" + claimNumber, "车险", "张伟 车险 理赔案卷 " + claimNumber, "理赔部", "张伟",
                "2025/6/18", itemTitle, documentType, path);
    }

    private static String chinese(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x4E00 + random.nextInt(0x51A5)));
        }
        return text.toString();
    }

    @Test
    void aNulInAManifestCellRefusesItsRowNamingTheColumnAndNoDatabaseTextReachesTheClerk() {
        String number = ImportPackageBuilder.claimNumber();
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                        ImportPackageBuilder.claimRow(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "fnol.txt"),
                        ImportPackageBuilder.claimRow(number, "查勘\u0000报告", "SURVEY_REPORT", "survey.txt"),
                        ImportPackageBuilder.claimRow(number, "维修发票", "REPAIR_INVOICE", "invoice.txt")))
                .text("fnol.txt", "报案 " + number).text("survey.txt", "查勘 " + number).text("invoice.txt", "发票 " + number)
                .zip();
        String id = ImportRuns.start(clerk, zip);
        JsonNode view = ImportRuns.finished(clerk, id);
        assertEquals("COMPLETED", view.get("status").asText(), view::toString);
        assertEquals(3, view.get("total").asInt(), view::toString);
        assertEquals(2, view.get("imported").asInt(), view::toString);
        assertEquals(1, view.get("failed").asInt(), view::toString);
        assertError(view, 3, "survey.txt", "“件题名”列的第 3 个字符是控制字符或无效字符（U+0000），该行未导入");
        assertError(english(id), 3, "survey.txt", "Column \"件题名\" holds a control character or an invalid character (U+0000)");
        assertEquals(2, items(number));
        assertNoInternals(id);
    }

    @Test
    void aNulOrNoncharacterInAZipEntryNameAndInThePathNamingItAreReportedPrintably() {
        String number = ImportPackageBuilder.claimNumber();
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                        ImportPackageBuilder.claimRow(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "fnol.txt"),
                        ImportPackageBuilder.claimRow(number, "空字符", "OTHER", "a\u0000b.txt"),
                        ImportPackageBuilder.claimRow(number, "非字符", "OTHER", "c\uFFFFd.txt")))
                .text("fnol.txt", "报案 " + number).text("a\u0000b.txt", "nul").text("c\uFFFFd.txt", "ffff")
                .zip();
        String id = ImportRuns.start(clerk, zip);
        JsonNode view = ImportRuns.finished(clerk, id);
        assertEquals("COMPLETED", view.get("status").asText(), view::toString);
        assertEquals(1, view.get("imported").asInt(), view::toString);
        assertEquals(2, view.get("failed").asInt(), view::toString);
        assertError(view, 3, "a?b.txt", "“文件路径”列的第 2 个字符是控制字符或无效字符（U+0000）");
        assertError(view, 4, "c?d.txt", "“文件路径”列的第 2 个字符是控制字符或无效字符（U+FFFF）");
        assertError(view, null, "a?b.txt", "名称不是普通相对路径");
        assertError(view, null, "c?d.txt", "名称不是普通相对路径");
        assertEquals(1, items(number));
        assertNoInternals(id);
    }

    @Test
    void escapedNulLoneSurrogateNoncharacterAndAMegabyteCellInAnXlsxManifestEachRefuseOnlyTheirRow() {
        String number = ImportPackageBuilder.claimNumber();
        List<List<String>> rows = List.of(List.of(ImportPackageBuilder.CHINESE_HEADINGS.split(",")),
                cells(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "fnol.txt"),
                cells(number, "零_x0000_字", "OTHER", "nul.txt"),
                cells(number, "孤_xD800_立", "OTHER", "surrogate.txt"),
                cells(number, "非_xFFFF_字", "OTHER", "ffff.txt"),
                cells(number, chinese(new Random(11), 1024 * 1024), "OTHER", "huge.txt"));
        byte[] zip = new ImportPackageBuilder().file("manifest.xlsx", XlsxManifests.inline(rows))
                .text("fnol.txt", "报案 " + number).text("nul.txt", "1").text("surrogate.txt", "2").text("ffff.txt", "3")
                .text("huge.txt", "4").zip();
        String id = ImportRuns.start(clerk, zip);
        JsonNode view = ImportRuns.finished(clerk, id);
        assertEquals("COMPLETED", view.get("status").asText(), view::toString);
        assertEquals(5, view.get("total").asInt(), view::toString);
        assertEquals(1, view.get("imported").asInt(), view::toString);
        assertError(view, 3, "nul.txt", "“件题名”列的第 2 个字符是控制字符或无效字符（U+0000）");
        assertError(view, 4, "surrogate.txt", "（U+D800）");
        assertError(view, 5, "ffff.txt", "（U+FFFF）");
        assertError(view, 6, "", "16,384");
        assertEquals(1, items(number));
        assertNoInternals(id);
    }

    @Test
    void anUnforeseenFailureWhileFilingARowIsAnInternalErrorWithItsDetailsOnlyInTheServerLog() throws Exception {
        String number = ImportPackageBuilder.claimNumber();
        String constraint = "it_refuse_" + number.toLowerCase();
        String title = "IT-REFUSED-" + number;
        // The database refuses this one title, as it would refuse a value no validation foresaw.
        execute("alter table item add constraint " + constraint + " check (title <> '" + title + "') not valid");
        try {
            byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                            ImportPackageBuilder.claimRow(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "fnol.txt"),
                            ImportPackageBuilder.claimRow(number, title, "OTHER", "refused.txt")))
                    .text("fnol.txt", "报案 " + number).text("refused.txt", "refused " + number).zip();
            String id = ImportRuns.start(clerk, zip);
            JsonNode view = ImportRuns.finished(clerk, id);
            assertEquals("COMPLETED", view.get("status").asText(), view::toString);
            assertEquals(1, view.get("imported").asInt(), view::toString);
            assertEquals(1, view.get("failed").asInt(), view::toString);
            assertError(view, 3, "refused.txt", "导入此行时发生内部错误，已记录，请联系管理员");
            assertError(english(id), 3, "refused.txt", "An internal error occurred while importing this row; it has been logged");
            assertNoInternals(id);
            Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
            assertTrue(Files.readString(log, StandardCharsets.UTF_8).contains(constraint), "the details are in the server log");
        } finally {
            execute("alter table item drop constraint if exists " + constraint);
        }
    }

    @Test
    void aHugeXlsxManifestIsRefusedAndTheServerCarriesOn() {
        // 150,000 rows of about 600 bytes of text: some 8 MB packed, 90 MB of text, well over a gigabyte in POI's model.
        String prefix = ImportPackageBuilder.claimNumber();
        Random random = new Random(150_000);
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            titles.add(chinese(random, 160));
        }
        byte[] xlsx = XlsxManifests.shared(List.of(ImportPackageBuilder.CHINESE_HEADINGS.split(",")), 150_000,
                row -> cells(prefix + (row / 50), titles.get(row % titles.size()), "OTHER", "f/" + row + ".txt"));
        byte[] zip = new ImportPackageBuilder().file("manifest.xlsx", xlsx).zip();
        assertTrue(zip.length < 20 * 1024 * 1024, () -> "package of " + zip.length + " bytes");

        String id = ImportRuns.start(clerk, zip);
        JsonNode view = ImportRuns.finished(clerk, id);
        assertEquals("FAILED", view.get("status").asText(), view::toString);
        assertEquals(0, view.get("total").asInt(), view::toString);
        assertError(view, null, "", "清单中的文字超过 67,108,864 字节");
        assertNoInternals(id);

        String number = ImportPackageBuilder.claimNumber();
        JsonNode after = ImportRuns.run(clerk, new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                        ImportPackageBuilder.claimRow(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "fnol.txt")))
                .text("fnol.txt", "报案 " + number).zip());
        assertEquals(1, after.get("imported").asInt(), after::toString);
        assertEquals(1, items(number));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty("it.db.url"),
                System.getProperty("archive.it.pg.user", "postgres"), "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

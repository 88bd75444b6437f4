package cn.insurer.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming XLSX manifest: what a ledger from Excel gives, and what a hostile workbook cannot do. */
class XlsxManifestTest {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    @TempDir
    Path temp;

    private Manifest read(byte[] xlsx, int maxRows) throws IOException {
        return Manifest.read("manifest.xlsx", new ByteArrayInputStream(xlsx), maxRows, temp);
    }

    private static byte[] write(Workbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (workbook) {
            workbook.write(out);
        }
        return out.toByteArray();
    }

    private static void row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof String text) {
                row.createCell(i).setCellValue(text);
            } else if (value instanceof Number number) {
                row.createCell(i).setCellValue(number.doubleValue());
            } else if (value instanceof Boolean flag) {
                row.createCell(i).setCellValue(flag);
            }
        }
    }

    /** A workbook written by hand, part by part, as a hostile sender would. */
    private static byte[] parts(Map<String, byte[]> parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> workbook(String sheetData, String sharedStrings) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("_rels/.rels", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" + RELS + "\">"
                + "<Relationship Id=\"rId1\" Type=\"" + DOC_RELS + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
        parts.put("xl/workbook.xml", utf8("<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + DOC_RELS + "\"><sheets>"
                + "<sheet name=\"台账\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
        parts.put("xl/_rels/workbook.xml.rels", utf8("<Relationships xmlns=\"" + RELS + "\">"
                + "<Relationship Id=\"rId1\" Type=\"" + DOC_RELS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"" + DOC_RELS + "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "</Relationships>"));
        parts.put("xl/worksheets/sheet1.xml", utf8("<worksheet xmlns=\"" + MAIN + "\"><sheetData>" + sheetData
                + "</sheetData></worksheet>"));
        parts.put("xl/sharedStrings.xml", utf8("<sst xmlns=\"" + MAIN + "\">" + sharedStrings + "</sst>"));
        return parts;
    }

    /** Varied Chinese text, which packs about as well as a ledger's: far from a bomb. */
    private static String chinese(int length) {
        Random random = new Random(length);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x4E00 + random.nextInt(0x51A5)));
        }
        return text.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String inline(String reference, String text) {
        return "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    /** Headings in row 1 (件题名, 文件路径), then one row per title, each with its own path. */
    private static String rows(String... titles) {
        StringBuilder rows = new StringBuilder("<row r=\"1\">" + inline("A1", "件题名") + inline("B1", "文件路径") + "</row>");
        for (int i = 0; i < titles.length; i++) {
            int r = i + 2;
            rows.append("<row r=\"").append(r).append("\">").append(inline("A" + r, titles[i]))
                    .append(inline("B" + r, "f" + r + ".txt")).append("</row>");
        }
        return rows.toString();
    }

    private static String refusal(Runnable read) {
        RowRefused refused = assertThrows(RowRefused.class, read::run);
        return refused.problem(null, null).english();
    }

    private String refusal(byte[] xlsx) {
        return refusal(() -> {
            try {
                read(xlsx, 100);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aLedgerFromExcelReadsAsBeforeFromTheFirstSheetInTheWorkbooksOrder() throws Exception {
        XSSFWorkbook workbook = new XSSFWorkbook();
        Sheet other = workbook.createSheet("说明");
        row(other, 0, "不是清单");
        Sheet sheet = workbook.createSheet("台账");
        workbook.setSheetOrder("台账", 0);
        row(sheet, 0, "案卷类型", "保单号", "出险日期", "索赔金额", "件题名", "个人信息", "赔案号", "保险起期", "文件路径");
        row(sheet, 1, "理赔", 20250001, null, 12800.5, "查勘报告", true, null, "2025/6/18", "a/查勘.pdf");
        CellStyle date = workbook.createCellStyle();
        date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
        CellStyle money = workbook.createCellStyle();
        money.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("#,##0.00"));
        sheet.getRow(1).createCell(2).setCellValue(LocalDate.of(2025, 6, 18));
        sheet.getRow(1).getCell(2).setCellStyle(date);
        sheet.getRow(1).getCell(3).setCellStyle(money);
        sheet.getRow(1).createCell(6).setCellFormula("\"CL\"&\"2025\"&\"001\"");
        row(sheet, 3, "", "", "");
        row(sheet, 5, "承保", 20250002, null, null, "投保单", false, null, null, "b/投保单.pdf");
        workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();

        Manifest manifest = read(write(workbook), 10);
        assertEquals(List.of(), manifest.problems());
        assertEquals(2, manifest.rows().size());
        ManifestRow first = manifest.rows().get(0);
        assertEquals(2, first.number());
        assertEquals("理赔", first.get(ManifestColumns.TYPE));
        assertEquals("20250001", first.get(ManifestColumns.POLICY_NUMBER));
        assertEquals("2025-06-18", first.get(ManifestColumns.LOSS_DATE));
        assertEquals("12,800.50", first.get(ManifestColumns.CLAIM_AMOUNT));
        assertEquals("TRUE", first.get(ManifestColumns.PERSONAL_DATA));
        assertEquals("CL2025001", first.get(ManifestColumns.CLAIM_NUMBER), "a formula gives the value Excel shows");
        assertEquals("2025/6/18", first.get(ManifestColumns.POLICY_START));
        assertEquals("a/查勘.pdf", first.path());
        assertEquals(6, manifest.rows().get(1).number(), "blank rows are skipped, numbers are the sheet's");
        assertEquals("FALSE", manifest.rows().get(1).get(ManifestColumns.PERSONAL_DATA));
        try (Stream<Path> left = Files.list(temp)) {
            assertTrue(left.findAny().isEmpty(), "temporary files are removed");
        }
    }

    @Test
    void englishHeadingsInlineStringsAndThe1904DateSystemAsExcelForMacWritesThem() throws Exception {
        SXSSFWorkbook workbook = new SXSSFWorkbook();
        Sheet sheet = workbook.createSheet();
        row(sheet, 0, "Claim_Number", "itemTitle", "lossDate", "path");
        row(sheet, 1, "CL1", "报案记录", null, "a.txt");
        CellStyle date = workbook.createCellStyle();
        date.setDataFormat((short) 14);
        sheet.getRow(1).createCell(2).setCellValue(LocalDate.of(2025, 3, 9));
        sheet.getRow(1).getCell(2).setCellStyle(date);
        ManifestRow row = read(write(workbook), 10).rows().get(0);
        assertEquals("CL1", row.get(ManifestColumns.CLAIM_NUMBER));
        assertEquals("报案记录", row.get(ManifestColumns.ITEM_TITLE));
        assertEquals("2025-03-09", row.get(ManifestColumns.LOSS_DATE));

        // 1904 system: serial 0 is 1904-01-01, so 44,263 is 2025-03-09 less 1,462 days.
        Map<String, byte[]> parts = workbook("<row r=\"1\">" + inline("A1", "出险日期") + inline("B1", "path") + "</row>"
                + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>" + (45725 - 1462) + "</v></c>" + inline("B2", "a.txt") + "</row>", "");
        parts.put("xl/workbook.xml", utf8("<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + DOC_RELS + "\"><workbookPr date1904=\"1\"/>"
                + "<sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
        parts.put("xl/styles.xml", utf8("<styleSheet xmlns=\"" + MAIN + "\"><cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
                + "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"));
        parts.put("xl/_rels/workbook.xml.rels", utf8("<Relationships xmlns=\"" + RELS + "\">"
                + "<Relationship Id=\"rId1\" Type=\"" + DOC_RELS + "/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"" + DOC_RELS + "/styles\" Target=\"styles.xml\"/></Relationships>"));
        assertEquals("2025-03-09", read(parts(parts), 10).rows().get(0).get(ManifestColumns.LOSS_DATE));
    }

    @Test
    void readingStopsAtTheRowLimitWithTheLimitReported() throws Exception {
        Manifest manifest = read(parts(workbook(rows("一", "二", "三", "四", "五"), "")), 2);
        assertEquals(2, manifest.rows().size());
        assertEquals(1, manifest.problems().size());
        assertEquals(4, manifest.problems().get(0).row());
        assertTrue(manifest.problems().get(0).english().contains("more than 2 rows"), manifest.problems().toString());
    }

    @Test
    void aCellOfOneMegabyteMakesItsRowOversizedAndTheRowsAfterItAreRead() throws Exception {
        // Excel stops at 32,767 characters a cell; a hand-made file has no such limit, inline or shared.
        String excelsLongest = "长".repeat(32_767);
        XSSFWorkbook shared = new XSSFWorkbook();
        Sheet sheet = shared.createSheet();
        row(sheet, 0, "件题名", "文件路径");
        row(sheet, 1, excelsLongest, "a.txt");
        row(sheet, 2, "报案", "b.txt");
        SXSSFWorkbook inline = new SXSSFWorkbook();
        Sheet inlineSheet = inline.createSheet();
        row(inlineSheet, 0, "件题名", "文件路径");
        row(inlineSheet, 1, excelsLongest, "a.txt");
        row(inlineSheet, 2, "报案", "b.txt");
        String megabyte = chinese(1024 * 1024);
        byte[] handInline = parts(workbook(rows(megabyte, "报案"), ""));
        byte[] handShared = parts(workbook("<row r=\"1\">" + inline("A1", "件题名") + inline("B1", "文件路径") + "</row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c>" + inline("B2", "a.txt") + "</row>"
                + "<row r=\"3\">" + inline("A3", "报案") + inline("B3", "b.txt") + "</row>", "<si><t>" + megabyte + "</t></si>"));
        for (byte[] xlsx : List.of(write(shared), write(inline), handInline, handShared)) {
            Manifest manifest = read(xlsx, 10);
            assertEquals(List.of(2), List.copyOf(manifest.refused().keySet()));
            assertTrue(manifest.refused().get(2).english().contains("16,384"), manifest.refused().toString());
            assertEquals(3, manifest.rows().get(1).number());
            assertEquals("报案", manifest.rows().get(1).get(ManifestColumns.ITEM_TITLE));
        }
    }

    @Test
    void escapedControlCharactersSurrogatesAndNoncharactersRefuseTheirRowsNamingTheColumn() throws Exception {
        Manifest manifest = read(parts(workbook(rows("查勘_x0000_报告", "孤_xD800_立", "非_xFFFF_字符", "换行_x000D__x000A_可以",
                "保留_x005F_x0000_字面", "共享"), "<si><t>x</t></si>")), 10);
        assertEquals(List.of(2, 3, 4), List.copyOf(manifest.refused().keySet()), manifest.refused().toString());
        assertTrue(manifest.refused().get(2).chinese().contains("“件题名”列的第 3 个字符") && manifest.refused().get(2).chinese().contains("U+0000"),
                manifest.refused().get(2).chinese());
        assertTrue(manifest.refused().get(3).english().contains("U+D800"), manifest.refused().get(3).english());
        assertTrue(manifest.refused().get(4).english().contains("U+FFFF"), manifest.refused().get(4).english());
        assertEquals("f2.txt", manifest.refused().get(2).path());
        assertEquals("查勘?报告", manifest.rows().get(0).get(ManifestColumns.ITEM_TITLE));
        assertEquals("换行\r\n可以", manifest.rows().get(3).get(ManifestColumns.ITEM_TITLE));
        assertEquals("保留_x0000_字面", manifest.rows().get(4).get(ManifestColumns.ITEM_TITLE));
    }

    @Test
    void sharedStringsKeepTheirRunsLeavePhoneticGuidesOutAndAControlCharacterIsRefusedToo() throws Exception {
        String sheet = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>4</v></c><c r=\"B3\" t=\"s\"><v>3</v></c></row>";
        String strings = "<si><t>件题名</t></si><si><r><t>文件</t></r><r><t>路径</t></r></si>"
                + "<si><t>理赔</t><rPh sb=\"0\" eb=\"2\"><t>lipei</t></rPh></si><si><t>a.txt</t></si><si><t>坏_x0007_字</t></si>";
        Manifest manifest = read(parts(workbook(sheet, strings)), 10);
        assertEquals("理赔", manifest.rows().get(0).get(ManifestColumns.ITEM_TITLE));
        assertEquals("a.txt", manifest.rows().get(0).path());
        assertEquals(List.of(3), List.copyOf(manifest.refused().keySet()));
        assertTrue(manifest.refused().get(3).english().contains("U+0007"), manifest.refused().toString());
    }

    @Test
    void cellsBeyondTheColumnLimitAreLeftOut() throws Exception {
        String sheet = "<row r=\"1\">" + inline("A1", "件题名") + inline("B1", "文件路径") + inline("ZZZ1", "备注") + "</row>"
                + "<row r=\"2\">" + inline("A2", "报案") + inline("B2", "a.txt") + inline("XFD2", "远处") + "</row>";
        Manifest manifest = read(parts(workbook(sheet, "")), 10);
        assertEquals(List.of(), manifest.problems());
        assertEquals("a.txt", manifest.rows().get(0).path());
    }

    @Test
    void aSharedStringRepeatedPastTheManifestsTextLimitRefusesTheManifest() throws Exception {
        // 16,000 characters pass the row limit; 4,300 rows of them are 68.8 MB of text from a few kilobytes of sheet.
        StringBuilder sheet = new StringBuilder("<row r=\"1\">" + inline("A1", "件题名") + inline("B1", "文件路径") + "</row>");
        for (int r = 2; r < 4_302; r++) {
            sheet.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" t=\"s\"><v>0</v></c>")
                    .append(inline("B" + r, "f" + r)).append("</row>");
        }
        byte[] xlsx = parts(workbook(sheet.toString(), "<si><t>" + "x".repeat(16_000) + "</t></si>"));
        assertTrue(xlsx.length < 1024 * 1024);
        String problem = refusal(() -> {
            try {
                read(xlsx, 1_000_000);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(problem.contains("67,108,864 bytes of text"), problem);
    }

    @Test
    void aPartThatUnpacksOutOfProportionIsRefusedAsABomb() throws Exception {
        Map<String, byte[]> parts = workbook(rows("报案"), "");
        parts.put("xl/worksheets/sheet1.xml", utf8("<worksheet xmlns=\"" + MAIN + "\">" + " ".repeat(20 * 1024 * 1024)
                + "<sheetData>" + rows("报案") + "</sheetData></worksheet>"));
        assertTrue(refusal(parts(parts)).contains("refused as suspicious"));
    }

    @Test
    void aHugeAttributeIsRefusedBeforeTheParserGathersItWhole() throws Exception {
        Random random = new Random(16);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 6 * 1024 * 1024; i++) {
            noise.append((char) ('a' + random.nextInt(26)));
        }
        Map<String, byte[]> parts = workbook(rows("报案"), "");
        parts.put("xl/worksheets/sheet1.xml", utf8("<worksheet xmlns=\"" + MAIN + "\" x=\"" + noise + "\"><sheetData>" + rows("报案")
                + "</sheetData></worksheet>"));
        assertTrue(refusal(parts(parts)).contains("refused as suspicious"));
    }

    @Test
    void tooManyPartsEntitiesAPathOutOfThePackageAndWhatIsNoWorkbookAreRefused() throws Exception {
        Map<String, byte[]> many = workbook(rows("报案"), "");
        for (int i = 0; i <= XlsxPackage.MAX_PARTS; i++) {
            many.put("xl/media/" + i, new byte[0]);
        }
        assertTrue(refusal(parts(many)).contains("refused as suspicious"));

        Map<String, byte[]> laughs = workbook(rows("报案"), "");
        laughs.put("xl/sharedStrings.xml", utf8("<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><sst xmlns=\"" + MAIN + "\"><si><t>&b;</t></si></sst>"));
        assertTrue(refusal(parts(laughs)).contains("not a readable Excel workbook"));

        Map<String, byte[]> outside = workbook(rows("报案"), "");
        outside.put("xl/_rels/workbook.xml.rels", utf8("<Relationships xmlns=\"" + RELS + "\"><Relationship Id=\"rId1\" Type=\""
                + DOC_RELS + "/worksheet\" Target=\"../../../etc/passwd\"/></Relationships>"));
        assertTrue(refusal(parts(outside)).contains("not a readable Excel workbook"));

        assertTrue(refusal("not a workbook".getBytes(StandardCharsets.UTF_8)).contains("not a readable Excel workbook"));
        Map<String, byte[]> broken = workbook(rows("报案"), "");
        broken.put("xl/worksheets/sheet1.xml", utf8("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>\uFFFF</t></is></c>"));
        assertTrue(refusal(parts(broken)).contains("not a readable Excel workbook"));
        try (Stream<Path> left = Files.list(temp)) {
            assertNull(left.findAny().orElse(null), "temporary files are removed");
        }
    }

    @Test
    void aManifestFileLargerThanTheLimitIsRefusedWhileCopied() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'x');
                return length;
            }
        };
        assertThrows(ManifestText.ManifestTooLargeException.class,
                () -> Manifest.read("manifest.xlsx", endless, 10, temp));
    }

    /** Writes {@code rows} ledger rows as SXSSF does (shared strings, one row in memory at a time). */
    static void ledger(Path file, int rows) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, true, false); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("台账");
            row(sheet, 0, "案卷类型", "赔案号", "保单号", "险种", "案卷题名", "部门", "被保险人", "出险日期", "件题名", "文件类型", "文件路径");
            for (int i = 1; i <= rows; i++) {
                String claim = String.format("CL2025%07d", i / 20);
                row(sheet, i, "理赔", claim, "P" + claim, "车险", "张伟 车险 理赔案卷 " + claim, "理赔部", "张伟", "2025/6/18",
                        "查勘报告 第" + i + "页 现场照片及损失清单", "SURVEY_REPORT", "scans/" + claim + "/" + i + ".pdf");
            }
            workbook.write(out);
        }
    }
}

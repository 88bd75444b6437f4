package cn.insurer.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    private static final String HEADINGS = "案卷类型,赔案号,件题名,文件类型,文件路径";
    private static final String ROW = "理赔,CL2025001,\"查勘报告，含\"\"现场\"\"照片\",SURVEY_REPORT,scans/查勘.pdf";

    @TempDir
    Path temp;

    private Manifest csv(byte[] bytes) throws Exception {
        return Manifest.read("manifest.csv", new ByteArrayInputStream(bytes), 100, temp);
    }

    @Test
    void utf8WithAndWithoutBomAndGb18030ReadTheSameChineseText() throws Exception {
        byte[] utf8 = (HEADINGS + "\r\n" + ROW + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        byte[] gb = (HEADINGS + "\n" + ROW + "\n").getBytes(Charset.forName("GB18030"));
        for (byte[] bytes : List.of(utf8, bom, gb)) {
            Manifest manifest = csv(bytes);
            assertEquals(List.of(), manifest.problems());
            assertEquals(1, manifest.rows().size());
            ManifestRow row = manifest.rows().get(0);
            assertEquals(2, row.number());
            assertEquals("CL2025001", row.get(ManifestColumns.CLAIM_NUMBER));
            assertEquals("查勘报告，含\"现场\"照片", row.get(ManifestColumns.ITEM_TITLE));
            assertEquals("scans/查勘.pdf", row.path());
            assertEquals("理赔", row.get(ManifestColumns.TYPE));
        }
    }

    @Test
    void englishHeadingsInAnyCaseAndSpacingMapToTheSameFields() throws Exception {
        Manifest manifest = csv("Type, claim_number ,ITEM TITLE,documentType,path\nCLAIM,CL1,报案记录,FIRST_NOTICE_OF_LOSS,a.txt"
                .getBytes(StandardCharsets.UTF_8));
        ManifestRow row = manifest.rows().get(0);
        assertEquals("CL1", row.get(ManifestColumns.CLAIM_NUMBER));
        assertEquals("报案记录", row.get(ManifestColumns.ITEM_TITLE));
        assertEquals("a.txt", row.path());
    }

    @Test
    void anOversizedRowIsRefusedAndTheRowsAfterItAreStillRead() throws Exception {
        String huge = "理赔,CL2,\"" + "长".repeat(Manifest.MAX_ROW_CHARACTERS) + "\",OTHER,b.txt";
        Manifest manifest = csv((HEADINGS + "\n" + huge + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(2, manifest.rows().size());
        assertEquals(List.of(2), List.copyOf(manifest.refused().keySet()));
        assertTrue(manifest.refused().get(2).english().contains("16,384"), manifest.refused().get(2).english());
        assertEquals("CL2025001", manifest.rows().get(1).get(ManifestColumns.CLAIM_NUMBER));
        assertEquals(3, manifest.rows().get(1).number());
    }

    @Test
    void unknownColumnsAreReportedAndAManifestWithoutPathsIsRefused() throws Exception {
        Manifest unknown = csv((HEADINGS + ",备注\n" + ROW + ",x\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, unknown.problems().size());
        assertTrue(unknown.problems().get(0).chinese().contains("备注"));
        Manifest noPath = csv("赔案号,件题名\nCL1,报案\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, noPath.rows().size());
        assertTrue(noPath.problems().get(0).english().contains("path"), noPath.problems().toString());
    }

    @Test
    void blankRowsAreSkippedAndTheRowLimitIsReported() throws Exception {
        Manifest manifest = Manifest.read("manifest.csv", new ByteArrayInputStream((HEADINGS + "\n" + ROW + "\n,,,,\n" + ROW
                + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8)), 2, temp);
        assertEquals(2, manifest.rows().size());
        assertEquals(4, manifest.rows().get(1).number());
        assertEquals(1, manifest.problems().size());
        assertTrue(manifest.problems().get(0).english().contains("more than 2 rows"), manifest.problems().toString());
    }

    @Test
    void anXlsxManifestGivesDatesAsIsoDatesAndNumbersAsShown() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet();
            Row headings = sheet.createRow(0);
            String[] names = {"保单号", "出险日期", "件题名", "文件路径"};
            for (int i = 0; i < names.length; i++) {
                headings.createCell(i).setCellValue(names[i]);
            }
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue(20250001);
            row.createCell(1).setCellValue(LocalDate.of(2025, 6, 18));
            var style = workbook.createCellStyle();
            style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            row.getCell(1).setCellStyle(style);
            row.createCell(2).setCellValue("投保单");
            row.createCell(3).setCellValue("a/投保单.pdf");
            workbook.write(out);
        }
        Manifest manifest = Manifest.read("manifest.xlsx", new ByteArrayInputStream(out.toByteArray()), 10, temp);
        ManifestRow row = manifest.rows().get(0);
        assertEquals("20250001", row.get(ManifestColumns.POLICY_NUMBER));
        assertEquals("2025-06-18", row.get(ManifestColumns.LOSS_DATE));
        assertEquals("a/投保单.pdf", row.path());
    }

    @Test
    void aNulInACellRefusesItsRowNamingTheColumnAndNothingOfItReachesTheDatabase() throws Exception {
        String nul = "理赔,CL2,\"查勘\u0000报告\",SURVEY_REPORT,b.txt";
        Manifest manifest = csv((HEADINGS + "\n" + nul + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(2, manifest.rows().size());
        assertEquals(List.of(2), List.copyOf(manifest.refused().keySet()));
        ImportProblem problem = manifest.refused().get(2);
        assertEquals(2, problem.row());
        assertEquals("b.txt", problem.path());
        assertTrue(problem.chinese().contains("“件题名”列的第 3 个字符") && problem.chinese().contains("U+0000"), problem.chinese());
        assertTrue(problem.english().contains("Column \"件题名\"") && problem.english().contains("at character 3"), problem.english());
        assertEquals("查勘?报告", manifest.rows().get(0).get(ManifestColumns.ITEM_TITLE));
        assertEquals("CL2025001", manifest.rows().get(1).get(ManifestColumns.CLAIM_NUMBER));
        assertTrue(manifest.refused().get(3) == null);
    }

    @Test
    void otherControlCharactersNoncharactersAndLoneSurrogatesAreRefusedButTabsAndLineBreaksKept() throws Exception {
        // Lone surrogates cannot be written as UTF-8; they come in through an XLSX escape (XlsxManifestTest).
        for (String bad : List.of("\u0001", "\u001B", "\u007F", "\u0085", "\uFFFF", "\uFFFE", "\uFDD0", "\uDBFF\uDFFF")) {
            String row = "理赔,CL2,\"题名" + bad + "\",SURVEY_REPORT,b.txt";
            Manifest manifest = csv((HEADINGS + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(2), List.copyOf(manifest.refused().keySet()), () -> "refused " + bad);
        }
        Manifest kept = csv((HEADINGS + "\n理赔,CL3,\"第一行\r\n第二行\t完\",SURVEY_REPORT,c.txt\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of(), kept.refused());
        assertEquals("第一行\r\n第二行\t完", kept.rows().get(0).get(ManifestColumns.ITEM_TITLE));
        assertEquals(-1, SafeText.firstInvalid("张伟 😀 ¥12,800.00"));
        assertEquals(2, SafeText.firstInvalid("ab\uD800"));
        assertEquals(1, SafeText.firstInvalid("a\uDC00b"));
        assertEquals(1, SafeText.firstInvalid("a\uDBFF\uDFFF"));
        assertEquals("a?b?c", SafeText.printable("a\u0000b\nc"));
        assertEquals("a\uFFFDb\nc\uFFFD", SafeText.storable("a\u0000b\nc\uD800"));
    }

    @Test
    void aNulInAPathIsRefusedForTheCharacterAndAHeadingWithOneIsShownPrintable() throws Exception {
        Manifest manifest = csv((HEADINGS + ",备注\u0000栏\n理赔,CL2,报告,SURVEY_REPORT,\"a\u0000b.txt\",x\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("a?b.txt", manifest.refused().get(2).path());
        assertTrue(manifest.refused().get(2).chinese().contains("文件路径"), manifest.refused().toString());
        assertEquals("a?b.txt", manifest.rows().get(0).path());
        assertTrue(manifest.problems().get(0).chinese().contains("备注?栏"), manifest.problems().toString());
    }
}

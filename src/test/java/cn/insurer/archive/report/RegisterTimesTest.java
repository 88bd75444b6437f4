package cn.insurer.archive.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Spreadsheet registers state their times as people read them, in the archive's zone, not as UTC instants. */
class RegisterTimesTest {

    private static final ReportHeader HEADER = ReportHeader.forRegister("借阅登记簿", "2025-06-18 10:03", "档案主管", "全部",
            List.of(new ReportColumn("借阅单号", 12), new ReportColumn("申请时间", 14), new ReportColumn("用途", 16)));
    private static final List<String> ROW = List.of("JY-2025-000042", "2025-06-18T02:03:04.123456789Z", "核对 2025-06-18T02:03:04Z 的记录");

    private static byte[] render(ReportFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RowSink sink = Registers.open(format, HEADER, out, Path.of("unused.ttc"), ZoneId.of("Asia/Shanghai"))) {
            sink.row(ROW);
        }
        return out.toByteArray();
    }

    @Test
    void aCsvRegisterStatesTimesInBeijingTimeToTheSecond() throws Exception {
        String csv = new String(render(ReportFormat.CSV), StandardCharsets.UTF_8);
        assertTrue(csv.contains("JY-2025-000042,2025-06-18 10:03:04,"), csv);
        assertFalse(csv.contains("T02:03:04.123456789Z"), csv);
        assertTrue(csv.contains("核对 2025-06-18T02:03:04Z 的记录"), "free text is left as written: " + csv);
    }

    @Test
    void anXlsxRegisterStatesTimesInBeijingTimeToTheSecond() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(render(ReportFormat.XLSX)))) {
            var sheet = workbook.getSheetAt(0);
            var row = sheet.getRow(sheet.getLastRowNum());
            assertEquals("JY-2025-000042", row.getCell(0).getStringCellValue());
            assertEquals("2025-06-18 10:03:04", row.getCell(1).getStringCellValue());
        }
    }
}

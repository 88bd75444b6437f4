package cn.insurer.archive.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads the first sheet of {@code manifest.xlsx}: the first row holds the headings. Cells come back
 * as the text Excel shows, except dates, which come back as ISO dates whatever their display format.
 */
final class XlsxManifest {

    private XlsxManifest() {
    }

    static List<Manifest.RawRow> rows(InputStream in, int maxRows) throws IOException {
        List<Manifest.RawRow> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                if (rows.size() >= maxRows) {
                    break;
                }
                List<String> cells = new ArrayList<>();
                int characters = 0;
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    String value = text(row.getCell(c), formatter);
                    characters += value.length();
                    cells.add(value);
                }
                boolean oversized = characters > Manifest.MAX_ROW_CHARACTERS;
                Manifest.RawRow raw = new Manifest.RawRow(row.getRowNum() + 1, oversized ? List.of() : cells, oversized);
                if (!raw.blank()) {
                    rows.add(raw);
                }
            }
        }
        return rows;
    }

    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
        }
        return formatter.formatCellValue(cell);
    }
}

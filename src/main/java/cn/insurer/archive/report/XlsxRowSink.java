package cn.insurer.archive.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** XLSX through POI's streaming workbook: only a window of rows is in memory, the rest on disk. */
final class XlsxRowSink implements RowSink {

    private static final int WINDOW = 200;

    private final OutputStream stream;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
    private final SXSSFSheet sheet;
    private int next;

    XlsxRowSink(OutputStream stream, ReportHeader header) {
        this.stream = stream;
        workbook.setCompressTempFiles(true);
        sheet = workbook.createSheet(header.title().length() > 31 ? header.title().substring(0, 31) : header.title());
        CellStyle bold = workbook.createCellStyle();
        Font font = workbook.createFont();
        font.setBold(true);
        bold.setFont(font);
        cell(sheet.createRow(next++), 0, header.title(), bold);
        for (ReportHeader.Particular particular : header.particulars()) {
            Row row = sheet.createRow(next++);
            cell(row, 0, particular.label(), bold);
            cell(row, 1, particular.value(), null);
        }
        Row headings = sheet.createRow(next++);
        for (int i = 0; i < header.columns().size(); i++) {
            cell(headings, i, header.columns().get(i).heading(), bold);
            sheet.setColumnWidth(i, Math.min(255, header.columns().get(i).width() * 2) * 256);
        }
        sheet.createFreezePane(0, next);
    }

    @Override
    public void row(List<String> cells) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < cells.size(); i++) {
            cell(row, i, cells.get(i), null);
        }
    }

    private static void cell(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value == null ? "" : value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            workbook.write(stream);
            stream.flush();
        } finally {
            workbook.close();
        }
    }
}

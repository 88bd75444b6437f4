package cn.insurer.archive.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** RFC 4180 CSV in UTF-8 with a byte-order mark, which Excel needs to show Chinese correctly. */
final class CsvRowSink implements RowSink {

    private final Writer out;

    CsvRowSink(OutputStream stream, ReportHeader header) throws IOException {
        out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        out.write('\uFEFF');
        line(List.of(header.title()));
        for (ReportHeader.Particular particular : header.particulars()) {
            line(List.of(particular.label(), particular.value()));
        }
        line(header.columns().stream().map(ReportColumn::heading).toList());
    }

    @Override
    public void row(List<String> cells) throws IOException {
        line(cells);
    }

    private void line(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write("\r\n");
    }

    private static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}

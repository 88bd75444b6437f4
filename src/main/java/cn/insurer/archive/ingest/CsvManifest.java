package cn.insurer.archive.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks) into rows, handed
 * on one by one until no more are wanted. A row longer than {@link Manifest#MAX_ROW_CHARACTERS} is
 * skipped to its end and marked oversized, so one runaway quote cannot swallow the rest of the
 * manifest unnoticed.
 */
final class CsvManifest {

    private CsvManifest() {
    }

    static void read(String text, Manifest.RowSink rows) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean oversized = false;
        int rowLength = 0;
        int number = 1;
        int i = 0;
        int length = text.length();
        boolean more = true;
        while (i < length && more) {
            char c = text.charAt(i++);
            rowLength++;
            if (rowLength > Manifest.MAX_ROW_CHARACTERS) {
                oversized = true;
            }
            if (quoted) {
                if (c == '"') {
                    if (i < length && text.charAt(i) == '"') {
                        append(cell, '"', oversized);
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    append(cell, c, oversized);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                if (!oversized) {
                    cells.add(cell.toString());
                }
                cell.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i < length && text.charAt(i) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                more = add(rows, new Manifest.RawRow(number++, oversized ? List.of() : List.copyOf(cells), oversized));
                cells.clear();
                cell.setLength(0);
                oversized = false;
                rowLength = 0;
            } else {
                append(cell, c, oversized);
            }
        }
        if ((cell.length() > 0 || !cells.isEmpty() || oversized) && more) {
            cells.add(cell.toString());
            add(rows, new Manifest.RawRow(number, oversized ? List.of() : List.copyOf(cells), oversized));
        }
    }

    /** Blank lines are left out here, so that they count against no limit. */
    private static boolean add(Manifest.RowSink rows, Manifest.RawRow row) {
        return row.blank() || rows.accept(row);
    }

    private static void append(StringBuilder cell, char c, boolean oversized) {
        if (!oversized) {
            cell.append(c);
        }
    }
}

package cn.insurer.archive.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.xml.sax.Attributes;

/**
 * Reads a worksheet row by row as the parser reports it, handing each non-blank row on and keeping
 * none: memory stays that of one row, whatever the sheet's size. Cells come back as the text Excel
 * shows (a formula's last value), except dates, which come back as ISO dates whatever their
 * display format. A row is marked oversized once its text passes the row limit, and cells beyond
 * {@link #MAX_COLUMNS} are left out: no heading can stand there. All rows handed on together may
 * hold no more text than a CSV manifest may.
 */
final class XlsxSheet extends XlsxPackage.Handler {

    /** Far more columns than any ledger; Excel's own limit is 16,384. */
    static final int MAX_COLUMNS = 1_024;

    /** Thrown through the parser once the sink wants no more rows. */
    static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    private final XlsxSharedStrings strings;
    private final XlsxStyles styles;
    private final boolean date1904;
    private final Manifest.RowSink sink;
    private final DataFormatter formatter = new DataFormatter();
    private final XlsxText value = new XlsxText();

    private int rowNumber;
    private final List<String> cells = new ArrayList<>();
    private int characters;
    private boolean oversized;
    private long textBytes;

    private int column;
    private String type;
    private int style;
    private boolean inValue;
    private boolean inInline;
    private int phonetic;

    XlsxSheet(XlsxSharedStrings strings, XlsxStyles styles, boolean date1904, Manifest.RowSink sink) {
        this.strings = strings;
        this.styles = styles;
        this.date1904 = date1904;
        this.sink = sink;
    }

    @Override
    void start(String name, Attributes attributes) {
        switch (name) {
            case "row" -> {
                Integer number = number(attributes.getValue("r"));
                rowNumber = number != null && number > rowNumber ? number : rowNumber + 1;
                cells.clear();
                characters = 0;
                oversized = false;
                column = -1;
            }
            case "c" -> {
                int at = column(attributes.getValue("r"));
                column = at > column ? at : column + 1;
                type = attributes.getValue("t");
                Integer s = number(attributes.getValue("s"));
                style = s == null ? 0 : s;
                value.clear();
            }
            case "v" -> inValue = true;
            case "is" -> inInline = true;
            case "rPh" -> phonetic++;
            default -> {
            }
        }
    }

    @Override
    void text(char[] characters, int start, int length) {
        if (inValue || (inInline && phonetic == 0)) {
            value.append(characters, start, length);
        }
    }

    @Override
    void end(String name) {
        switch (name) {
            case "v" -> inValue = false;
            case "is" -> inInline = false;
            case "rPh" -> phonetic--;
            case "c" -> cell();
            case "row" -> row();
            default -> {
            }
        }
    }

    private void cell() {
        if (column >= MAX_COLUMNS || oversized || value.isEmpty()) {
            return;
        }
        String text = value.overflowed() ? null : text();
        if (text == null || characters + text.length() > Manifest.MAX_ROW_CHARACTERS) {
            oversized = true;
            cells.clear();
            return;
        }
        characters += text.length();
        while (cells.size() < column) {
            cells.add("");
        }
        cells.add(text);
    }

    private String text() {
        String raw = value.raw();
        try {
            return switch (type == null ? "n" : type) {
                case "s" -> {
                    Integer index = number(raw);
                    if (index == null) {
                        throw XlsxPackage.unsafe("shared string cell holds " + raw.length() + " characters of no number");
                    }
                    yield strings.get(index);
                }
                case "inlineStr", "str", "e" -> value.decoded();
                case "b" -> "1".equals(raw.trim()) || "true".equalsIgnoreCase(raw.trim()) ? "TRUE" : "FALSE";
                case "d" -> raw.matches("\\d{4}-\\d{2}-\\d{2}.*") ? raw.substring(0, 10) : raw;
                default -> number(raw.trim(), styles.format(style));
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String number(String raw, XlsxStyles.Format format) {
        double number;
        try {
            number = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            return raw;
        }
        if (DateUtil.isADateFormat(format.index(), format.code()) && DateUtil.isValidExcelDate(number)) {
            return DateUtil.getLocalDateTime(number, date1904).toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
        }
        return formatter.formatRawCellContents(number, format.index(), format.code(), date1904);
    }

    private void row() {
        Manifest.RawRow row = new Manifest.RawRow(rowNumber, oversized ? List.of() : List.copyOf(cells), oversized);
        if (row.blank()) {
            return;
        }
        for (String cell : row.cells()) {
            textBytes += utf8Length(cell);
        }
        if (textBytes > Manifest.MAX_MANIFEST_BYTES) {
            throw new RowRefused("import.manifest.text.too.large", Manifest.MAX_MANIFEST_BYTES);
        }
        if (!sink.accept(row)) {
            throw new Enough();
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** The column of a reference such as "AB12", from 0; -1 when there is none to read. */
    static int column(String reference) {
        if (reference == null) {
            return -1;
        }
        int column = 0;
        int i = 0;
        while (i < reference.length() && i < 4 && Character.isLetter(reference.charAt(i))) {
            char c = Character.toUpperCase(reference.charAt(i));
            if (c < 'A' || c > 'Z') {
                return -1;
            }
            column = column * 26 + (c - 'A' + 1);
            i++;
        }
        return i == 0 ? -1 : column - 1;
    }

    private static Integer number(String value) {
        if (value == null || value.isEmpty() || value.length() > 10) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

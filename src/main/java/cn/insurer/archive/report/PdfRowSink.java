package cn.insurer.archive.report;

import cn.insurer.archive.config.ShownTimes;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A printable register on A4 with the Chinese font embedded, column headings repeated on every
 * page and page numbers at the foot. Page content is cached in temporary files, not memory.
 */
public final class PdfRowSink implements RowSink {

    /** How rows are laid out on the page. */
    public enum Layout {
        /**
         * Landscape and unruled, long free text cut with an ellipsis so long registers stay compact;
         * a number, code or level too wide for its column is set smaller to stay whole on one line,
         * and wraps only if even that is too wide.
         */
        REGISTER(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()), false),
        /** Portrait, ruled, cells wrapped: a list filed with the dossier must show every word. */
        LIST(PDRectangle.A4, true);

        private final PDRectangle page;
        private final boolean ruled;

        Layout(PDRectangle page, boolean ruled) {
            this.page = page;
            this.ruled = ruled;
        }
    }

    /** Cells up to this long (loan numbers, archival codes, levels, times) are never cut in a register. */
    private static final int WRAPPED_IN_REGISTER = 40;
    private static final float MARGIN = 36;
    private static final float FONT_SIZE = 8;
    /** The smallest size a code is set at to keep it on one line; still legible on A4. */
    private static final float SMALLEST_CODE_SIZE = 5.5f;
    private static final float LINE = 12;
    private static final float PAD = 2;

    private final OutputStream stream;
    private final ReportHeader header;
    private final Layout layout;
    private final PDRectangle size;
    private final PDDocument document;
    private final ChineseFont chinese;
    private final PDType0Font font;
    private final float[] widths;
    private final DateTimeFormatter times;
    private PDPageContentStream page;
    private float y;
    private int pages;

    public PdfRowSink(OutputStream stream, ReportHeader header, Path fontFile, Layout layout, ZoneId zone) throws IOException {
        this.stream = stream;
        this.times = ShownTimes.toTheMinute(zone);
        this.header = header;
        this.layout = layout;
        this.size = layout.page;
        document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        chinese = ChineseFont.embed(document, fontFile);
        font = chinese.font();
        int total = header.columns().stream().mapToInt(ReportColumn::width).sum();
        widths = new float[header.columns().size()];
        float usable = size.getWidth() - 2 * MARGIN;
        for (int i = 0; i < widths.length; i++) {
            widths[i] = usable * header.columns().get(i).width() / total;
        }
        newPage();
    }

    /** A cell as printed: its lines and the size they are set at. */
    private record Cell(List<String> lines, float size) {
    }

    @Override
    public void row(List<String> cells) throws IOException {
        List<Cell> lines = lines(cells);
        int height = height(lines);
        if (y - height * LINE < MARGIN + LINE) {
            newPage();
        }
        write(lines, height);
    }

    private static int height(List<Cell> cells) {
        return cells.stream().mapToInt(cell -> cell.lines().size()).max().orElse(1);
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(size);
        document.addPage(next);
        pages++;
        page = new PDPageContentStream(document, next);
        y = size.getHeight() - MARGIN;
        if (pages == 1) {
            float titleWidth = font.getStringWidth(chinese.printable(header.title())) / 1000 * 14;
            float titleX = layout.ruled ? (size.getWidth() - titleWidth) / 2 : MARGIN;
            text(titleX, y - 14, header.title(), 14);
            y -= 14 + LINE;
            for (ReportHeader.Particular particular : header.particulars()) {
                text(MARGIN, y - FONT_SIZE, chinese.fit(particular.label() + "  " + chinese.printable(particular.value()),
                        size.getWidth() - 2 * MARGIN, FONT_SIZE), FONT_SIZE);
                y -= LINE;
            }
            y -= LINE / 2;
        }
        text(MARGIN, MARGIN / 2, header.title() + " · 第 " + pages + " 页", FONT_SIZE);
        List<String> headings = header.columns().stream().map(ReportColumn::heading).toList();
        List<Cell> lines = lines(headings);
        write(lines, height(lines));
        if (!layout.ruled) {
            page.moveTo(MARGIN, y + 1);
            page.lineTo(size.getWidth() - MARGIN, y + 1);
            page.stroke();
        }
    }

    private List<Cell> lines(List<String> cells) throws IOException {
        List<Cell> lines = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            String shown = chinese.printable(TimeCells.shown(cell, times));
            float room = widths[i] - 2 * PAD;
            if (layout.ruled) {
                lines.add(new Cell(wrap(shown, room, FONT_SIZE), FONT_SIZE));
            } else if (shown.length() > WRAPPED_IN_REGISTER) {
                lines.add(new Cell(List.of(chinese.fit(shown, room, FONT_SIZE)), FONT_SIZE));
            } else {
                float size = codeSize(shown, room);
                lines.add(new Cell(wrap(shown, room, size), size));
            }
        }
        return lines;
    }

    /**
     * The size a short register cell is set at: a code too wide at the usual size is set
     * smaller, so 档号 and 借阅单号 are read, searched and copied whole rather than split mid-number.
     */
    private float codeSize(String shown, float room) throws IOException {
        float width = chinese.width(shown, FONT_SIZE);
        if (width <= room || !isCode(shown)) {
            return FONT_SIZE;
        }
        return Math.max(SMALLEST_CODE_SIZE, (float) Math.floor(FONT_SIZE * room / width * 10) / 10);
    }

    /** A number or code: no spaces and no Chinese, which wraps between characters as people read it. */
    private static boolean isCode(String shown) {
        return !shown.isBlank() && shown.codePoints().noneMatch(c -> Character.isWhitespace(c) || c >= 0x2E80);
    }

    /** Writes one row whose top is at {@code y}; baselines sit a little above each line's bottom. */
    private void write(List<Cell> lines, int height) throws IOException {
        float top = y;
        float x = MARGIN;
        for (int i = 0; i < widths.length; i++) {
            float lineY = top - LINE + 3;
            for (String line : lines.get(i).lines()) {
                text(x + PAD, lineY, line, lines.get(i).size());
                lineY -= LINE;
            }
            if (layout.ruled) {
                page.addRect(x, top - height * LINE, widths[i], height * LINE);
            }
            x += widths[i];
        }
        if (layout.ruled) {
            page.stroke();
        }
        y = top - height * LINE;
    }

    private void text(float x, float atY, String value, float fontSize) throws IOException {
        page.beginText();
        page.setFont(font, fontSize);
        page.newLineAtOffset(x, atY);
        page.showText(chinese.printable(value));
        page.endText();
    }


    /** Breaks a cell into lines that fit its column; Chinese text may break between any two characters. */
    private List<String> wrap(String value, float width, float size) throws IOException {
        String text = chinese.printable(value);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int offset = 0;
        while (offset < text.length()) {
            int codePoint = text.codePointAt(offset);
            String character = new String(Character.toChars(codePoint));
            if (line.length() > 0 && chinese.width(line + character, size) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(character);
            offset += Character.charCount(codePoint);
        }
        lines.add(line.toString());
        return lines;
    }


    @Override
    public void close() throws IOException {
        try {
            page.close();
            document.save(stream);
            stream.flush();
        } finally {
            document.close();
            chinese.close();
        }
    }
}

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
         * a number, code or level too wide for its column wraps instead of losing its end.
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

    @Override
    public void row(List<String> cells) throws IOException {
        List<List<String>> lines = lines(cells);
        int height = lines.stream().mapToInt(List::size).max().orElse(1);
        if (y - height * LINE < MARGIN + LINE) {
            newPage();
        }
        write(lines, height);
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
        List<List<String>> lines = lines(headings);
        write(lines, lines.stream().mapToInt(List::size).max().orElse(1));
        if (!layout.ruled) {
            page.moveTo(MARGIN, y + 1);
            page.lineTo(size.getWidth() - MARGIN, y + 1);
            page.stroke();
        }
    }

    private List<List<String>> lines(List<String> cells) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            String shown = TimeCells.shown(cell, times);
            lines.add(layout.ruled || shown.length() <= WRAPPED_IN_REGISTER ? wrap(shown, widths[i] - 2 * PAD)
                    : List.of(chinese.fit(shown, widths[i] - 2 * PAD, FONT_SIZE)));
        }
        return lines;
    }

    /** Writes one row whose top is at {@code y}; baselines sit a little above each line's bottom. */
    private void write(List<List<String>> lines, int height) throws IOException {
        float top = y;
        float x = MARGIN;
        for (int i = 0; i < widths.length; i++) {
            float lineY = top - LINE + 3;
            for (String line : lines.get(i)) {
                text(x + PAD, lineY, line, FONT_SIZE);
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
    private List<String> wrap(String value, float width) throws IOException {
        String text = chinese.printable(value);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int offset = 0;
        while (offset < text.length()) {
            int codePoint = text.codePointAt(offset);
            String character = new String(Character.toChars(codePoint));
            if (line.length() > 0 && width(line + character) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(character);
            offset += Character.charCount(codePoint);
        }
        lines.add(line.toString());
        return lines;
    }

    private float width(String text) throws IOException {
        return font.getStringWidth(text) / 1000 * FONT_SIZE;
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

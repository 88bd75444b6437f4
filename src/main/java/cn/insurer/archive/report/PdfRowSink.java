package cn.insurer.archive.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A printable register: landscape A4, the Chinese font embedded, column headings repeated on
 * every page, page numbers at the foot. Page content is cached in temporary files, not memory.
 */
final class PdfRowSink implements RowSink {

    private static final float MARGIN = 36;
    private static final float FONT_SIZE = 8;
    private static final float LINE = 12;
    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

    private final OutputStream stream;
    private final ReportHeader header;
    private final PDDocument document;
    private final TrueTypeCollection fonts;
    private final PDType0Font font;
    private final float[] widths;
    private PDPageContentStream page;
    private float y;
    private int pages;

    PdfRowSink(OutputStream stream, ReportHeader header, Path fontFile) throws IOException {
        this.stream = stream;
        this.header = header;
        document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        fonts = new TrueTypeCollection(fontFile.toFile());
        AtomicReference<TrueTypeFont> first = new AtomicReference<>();
        fonts.processAllFonts(candidate -> first.compareAndSet(null, candidate));
        font = PDType0Font.load(document, first.get(), true);
        int total = header.columns().stream().mapToInt(ReportColumn::width).sum();
        widths = new float[header.columns().size()];
        float usable = PAGE.getWidth() - 2 * MARGIN;
        for (int i = 0; i < widths.length; i++) {
            widths[i] = usable * header.columns().get(i).width() / total;
        }
        newPage();
    }

    @Override
    public void row(List<String> cells) throws IOException {
        if (y < MARGIN + 2 * LINE) {
            newPage();
        }
        write(cells);
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(PAGE);
        document.addPage(next);
        pages++;
        page = new PDPageContentStream(document, next);
        y = PAGE.getHeight() - MARGIN;
        if (pages == 1) {
            text(MARGIN, y, header.title(), 14);
            y -= 20;
            text(MARGIN, y, "生成时间 " + header.generatedAt() + "    生成人 " + header.generatedBy() + "    筛选条件 "
                    + header.filter(), FONT_SIZE);
            y -= 2 * LINE;
        }
        text(MARGIN, MARGIN / 2, header.title() + " · 第 " + pages + " 页", FONT_SIZE);
        write(header.columns().stream().map(ReportColumn::heading).toList());
        page.moveTo(MARGIN, y + LINE - 3);
        page.lineTo(PAGE.getWidth() - MARGIN, y + LINE - 3);
        page.stroke();
    }

    private void write(List<String> cells) throws IOException {
        float x = MARGIN;
        for (int i = 0; i < widths.length && i < cells.size(); i++) {
            text(x, y, fit(cells.get(i), widths[i] - 4), FONT_SIZE);
            x += widths[i];
        }
        y -= LINE;
    }

    private void text(float x, float atY, String value, float size) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, atY);
        page.showText(printable(value));
        page.endText();
    }

    /** Cuts a cell to its column, with an ellipsis, so that columns never overlap. */
    private String fit(String value, float width) throws IOException {
        String text = printable(value);
        if (width(text) <= width) {
            return text;
        }
        int end = text.length();
        while (end > 0 && width(text.substring(0, end) + "…") > width) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private float width(String text) throws IOException {
        return font.getStringWidth(text) / 1000 * FONT_SIZE;
    }

    /** Characters the font cannot draw (or control characters) become '?', rather than failing the register. */
    private String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(codePoint -> {
            String character = Character.isISOControl(codePoint) ? " " : new String(Character.toChars(codePoint));
            try {
                font.encode(character);
                out.append(character);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            page.close();
            document.save(stream);
            stream.flush();
        } finally {
            document.close();
            fonts.close();
        }
    }
}

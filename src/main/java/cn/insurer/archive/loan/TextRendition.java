package cn.insurer.archive.loan;

import cn.insurer.archive.report.ChineseFont;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * 文字转写件: a document's extracted text laid out on A4 pages, for the documents that have no
 * page to stamp (Word, Excel, PowerPoint, plain text). The first line names the original and says
 * that its layout and pictures are not kept; a text longer than the page limit ends with a note.
 */
final class TextRendition {

    private static final float MARGIN = 50;
    private static final float SIZE = 10;
    private static final float LEADING = 15;

    private TextRendition() {
    }

    static void write(PDDocument document, ChineseFont chinese, String fileName, String text, int maxPages) throws IOException {
        PDType0Font font = chinese.font();
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        int perPage = (int) ((PDRectangle.A4.getHeight() - 2 * MARGIN) / LEADING);
        List<String> lines = new ArrayList<>();
        lines.add(chinese.printable("文字转写件：" + fileName + "（由原文件的文字内容生成，版式与图片未保留）"));
        lines.add("");
        for (String paragraph : text.split("\\r?\\n", -1)) {
            lines.addAll(wrap(font, chinese.printable(paragraph), width));
            if (lines.size() > (long) perPage * maxPages) {
                break;
            }
        }
        int pages = Math.max(1, Math.min(maxPages, (lines.size() + perPage - 1) / perPage));
        for (int page = 0; page < pages; page++) {
            PDPage sheet = new PDPage(PDRectangle.A4);
            document.addPage(sheet);
            try (PDPageContentStream content = new PDPageContentStream(document, sheet)) {
                content.beginText();
                content.setFont(font, SIZE);
                content.setLeading(LEADING);
                content.newLineAtOffset(MARGIN, PDRectangle.A4.getHeight() - MARGIN);
                int last = Math.min(lines.size(), (page + 1) * perPage);
                for (int index = page * perPage; index < last; index++) {
                    content.showText(lines.get(index));
                    content.newLine();
                }
                if (page == maxPages - 1 && lines.size() > last) {
                    content.showText("（内容过长，以下从略；全文请在线阅读或借阅纸质原件）");
                }
                content.endText();
            }
        }
    }

    /** Breaks a paragraph into lines no wider than {@code width} at the rendition's size; an empty paragraph stays an empty line. */
    private static List<String> wrap(PDType0Font font, String paragraph, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        float used = 0;
        for (int index = 0; index < paragraph.length(); ) {
            int point = paragraph.codePointAt(index);
            String character = new String(Character.toChars(point));
            float advance = font.getStringWidth(character) / 1000 * SIZE;
            if (used + advance > width && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
                used = 0;
            }
            line.append(character);
            used += advance;
            index += Character.charCount(point);
        }
        lines.add(line.toString());
        return lines;
    }
}

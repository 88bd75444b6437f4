package cn.insurer.archive.it;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Real Chinese documents made on the fly: a PDF with an embedded CJK font, a DOCX, and a PNG "scan"
 * that only OCR can read. The font is the one the project's scripts install (fonts-wqy-microhei).
 */
public final class ChineseDocuments {

    public static final File CJK_FONT = new File("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    private ChineseDocuments() {
    }

    /** A PDF of several pages, each with its own line so that each page's text can be checked. */
    static byte[] pdfPages(int pages, String line) {
        try (PDDocument document = new PDDocument(); TrueTypeCollection collection = new TrueTypeCollection(CJK_FONT)) {
            AtomicReference<TrueTypeFont> first = new AtomicReference<>();
            collection.processAllFonts(font -> first.compareAndSet(null, font));
            PDType0Font font = PDType0Font.load(document, first.get(), true);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 14);
                    content.newLineAtOffset(50, 720);
                    content.showText(line + " 第" + i + "页");
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] pdf(String... lines) {
        try (PDDocument document = new PDDocument(); TrueTypeCollection collection = new TrueTypeCollection(CJK_FONT)) {
            AtomicReference<TrueTypeFont> first = new AtomicReference<>();
            collection.processAllFonts(font -> first.compareAndSet(null, font));
            PDType0Font font = PDType0Font.load(document, first.get(), true);
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, 14);
                content.newLineAtOffset(50, 720);
                for (String line : lines) {
                    content.showText(line);
                    content.newLineAtOffset(0, -24);
                }
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] docx(String... paragraphs) {
        try (XWPFDocument document = new XWPFDocument()) {
            for (String paragraph : paragraphs) {
                document.createParagraph().createRun().setText(paragraph);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF page that is only a picture of text, as a scanner makes it: no text layer at all. */
    static byte[] imageOnlyPdf(String... lines) {
        try (PDDocument document = new PDDocument()) {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(scan(lines)));
            PDPage page = new PDPage();
            document.addPage(page);
            var picture = org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(document, image);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                // Scaled so that at the 300 dpi OCR renders pages with, the glyphs are again about 32 px.
                content.drawImage(picture, 20, 600, image.getWidth() * 0.24f, image.getHeight() * 0.24f);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clean 32 px glyphs: the size at which Tesseract's chi_sim model reads them reliably. */
    static byte[] scan(String... lines) {
        BufferedImage image = new BufferedImage(1000, 120 + 64 * lines.length, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font("WenQuanYi Micro Hei", Font.PLAIN, 32));
        int y = 92;
        for (String line : lines) {
            g.drawString(line, 60, y);
            y += 64;
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package cn.insurer.archive.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The Chinese font every generated PDF embeds (subset), loaded from a TrueType collection such as
 * Debian's wqy-microhei. The collection must stay open until the document is saved, because the
 * subset is cut at save time; close this after saving.
 */
public final class ChineseFont implements AutoCloseable {

    private final TrueTypeCollection collection;
    private final PDType0Font font;

    private ChineseFont(TrueTypeCollection collection, PDType0Font font) {
        this.collection = collection;
        this.font = font;
    }

    public static ChineseFont embed(PDDocument document, Path fontFile) throws IOException {
        TrueTypeCollection collection = new TrueTypeCollection(fontFile.toFile());
        try {
            AtomicReference<TrueTypeFont> first = new AtomicReference<>();
            collection.processAllFonts(candidate -> first.compareAndSet(null, candidate));
            return new ChineseFont(collection, PDType0Font.load(document, first.get(), true));
        } catch (IOException | RuntimeException e) {
            collection.close();
            throw e;
        }
    }

    public PDType0Font font() {
        return font;
    }

    /** Characters the font cannot draw, and control characters, become '?' and ' ' instead of failing the document. */
    public String printable(String value) {
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

    /** Cuts text to a width at a font size, with an ellipsis, so that columns never overlap. */
    public String fit(String value, float width, float size) throws IOException {
        String text = printable(value);
        if (width(text, size) <= width) {
            return text;
        }
        int end = text.length();
        while (end > 0 && width(text.substring(0, end) + "…", size) > width) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** The width of printable text at a font size, in points. */
    public float width(String text, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    @Override
    public void close() throws IOException {
        collection.close();
    }
}

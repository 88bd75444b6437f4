package cn.insurer.archive.loan;

import cn.insurer.archive.access.Grant;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.config.ShownTimes;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.report.ChineseFont;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

/**
 * What a borrower gets instead of the original: a PDF whose every page carries who borrowed it,
 * under which loan, when, and 仅供借阅使用. PDFs are stamped, images become stamped pages; the
 * stored original is only read, never changed. The copy is made completely before anything is
 * sent, so a document that cannot be copied is refused with a clear reason.
 */
@ApplicationScoped
public class WatermarkedCopies {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(WatermarkedCopies.class.getName());

    private static final Set<String> IMAGES = Set.of("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff");

    @Inject
    ObjectStore objectStore;

    @Inject
    ArchiveSettings settings;

    @Inject
    ShownTimes times;

    /**
     * Office documents and plain text have no page of their own to stamp: under a loan they come
     * as a PDF of their extracted text (文字转写件), stamped like any copy. Layout and pictures are
     * not kept, and the rendition says so on its first line.
     */
    private static final Set<String> RENDERED_AS_TEXT = Set.of("application/msword", "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint", "application/rtf", "text/rtf", "text/plain", "text/csv",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation");
    /** A rendition longer than this stops with a note: the rest is for the paper original or an online reading. */
    static final int MAX_RENDITION_PAGES = 300;

    @jakarta.persistence.PersistenceContext
    jakarta.persistence.EntityManager em;

    public static boolean copyable(String mediaType) {
        String type = mediaType == null ? "" : mediaType.split(";")[0].trim();
        return type.equals("application/pdf") || IMAGES.contains(type) || renderedAsText(type);
    }

    private static boolean renderedAsText(String type) {
        return RENDERED_AS_TEXT.contains(type) || type.startsWith("application/vnd.openxmlformats-officedocument.");
    }

    /** Writes the stamped copy to a temporary file the caller streams and deletes. */
    public Path make(Item item, Grant loan, String borrower, Instant at) {
        if (!copyable(item.mediaType())) {
            throw ProblemException.unsupportedMediaType("problem.copy.unsupported", item.mediaType());
        }
        String type = item.mediaType().split(";")[0].trim();
        String text = null;
        if (renderedAsText(type)) {
            cn.insurer.archive.dossier.ItemText extracted = item.extractionState() == cn.insurer.archive.dossier.ExtractionState.DONE
                    ? em.find(cn.insurer.archive.dossier.ItemText.class, item.id()) : null;
            if (extracted == null) {
                throw ProblemException.conflict("problem.copy.text.unavailable", item.extractionState());
            }
            text = extracted.content();
        }
        Path work = settings.tempDir();
        Path original = null;
        Path copy = null;
        try {
            Files.createDirectories(work);
            if (text == null) {
                original = Files.createTempFile(work, "original-", ".bin");
                try (InputStream in = objectStore.open(item.contentHash())) {
                    Files.copy(in, original, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            copy = Files.createTempFile(work, "copy-", ".pdf");
            String stamp = "借阅人 " + borrower + " · 借阅单号 " + loan.loanNumber() + " · " + times.format(at)
                    + " · 仅供借阅使用 For loan use only";
            try (PDDocument document = text != null ? new PDDocument(IOUtils.createTempFileOnlyStreamCache())
                    : item.mediaType().startsWith("application/pdf")
                    ? Loader.loadPDF(original.toFile(), null, null, null, IOUtils.createTempFileOnlyStreamCache())
                    : imageDocument(original);
                 ChineseFont chinese = ChineseFont.embed(document, settings.pdfFont())) {
                PDType0Font font = chinese.font();
                if (text != null) {
                    TextRendition.write(document, chinese, item.fileName(), text, MAX_RENDITION_PAGES);
                }
                for (PDPage page : document.getPages()) {
                    stamp(document, page, font, stamp);
                }
                document.setAllSecurityToBeRemoved(true);
                document.save(copy.toFile());
            }
            return copy;
        } catch (IOException | RuntimeException e) {
            delete(copy);
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            // The parser's words (class names, temporary paths) are for the log, not for the borrower.
            LOG.log(java.util.logging.Level.WARNING, "No watermarked copy of item " + item.id() + " could be made", e);
            throw ProblemException.invalid("copy-unreadable", null, "problem.copy.unreadable");
        } finally {
            delete(original);
        }
    }

    private static PDDocument imageDocument(Path image) throws IOException {
        PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        PDImageXObject picture = PDImageXObject.createFromFileByContent(image.toFile(), document);
        PDRectangle a4 = PDRectangle.A4;
        float scale = Math.min((a4.getWidth() - 40) / picture.getWidth(), (a4.getHeight() - 80) / picture.getHeight());
        scale = Math.min(scale, 1f);
        PDPage page = new PDPage(a4);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            float width = picture.getWidth() * scale;
            float height = picture.getHeight() * scale;
            content.drawImage(picture, (a4.getWidth() - width) / 2, a4.getHeight() - 40 - height, width, height);
        }
        return document;
    }

    /** A faint diagonal stamp across the page and a plain line at its foot, over whatever is there. */
    private static void stamp(PDDocument document, PDPage page, PDType0Font font, String text) throws IOException {
        PDRectangle box = page.getMediaBox();
        PDExtendedGraphicsState faint = new PDExtendedGraphicsState();
        faint.setNonStrokingAlphaConstant(0.25f);
        try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
            content.saveGraphicsState();
            content.setGraphicsStateParameters(faint);
            content.setNonStrokingColor(0.8f, 0f, 0f);
            float size = Math.max(10, Math.min(box.getWidth(), box.getHeight()) / 28);
            for (int line = -1; line <= 1; line++) {
                content.beginText();
                content.setFont(font, size);
                content.setTextMatrix(Matrix.getRotateInstance(Math.toRadians(35),
                        box.getLowerLeftX() + box.getWidth() * 0.08f, box.getLowerLeftY() + box.getHeight() * (0.35f + 0.2f * line)));
                content.showText(text);
                content.endText();
            }
            content.restoreGraphicsState();
            content.beginText();
            content.setFont(font, 7);
            content.setNonStrokingColor(0.5f, 0f, 0f);
            content.newLineAtOffset(box.getLowerLeftX() + 12, box.getLowerLeftY() + 8);
            content.showText(text);
            content.endText();
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temporary file is cleaned with the data directory's tmp folder.
            }
        }
    }
}

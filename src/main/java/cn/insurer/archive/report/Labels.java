package cn.insurer.archive.report;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.User;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierLookup;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.PaperLocation;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Labels for the 库房, printed on A4 sheets: a cover label (卷皮标签) per dossier, ten to a sheet,
 * carrying its 档号 as text and as a QR code (a hand scanner types it into any search box, which
 * opens the dossier); and a box label (盒标签) naming the box and the dossiers it holds, its QR code
 * the box's place, which lists them. A label shows only dossiers the person printing may read.
 */
@ApplicationScoped
public class Labels {

    /** A sheet run is for one shelf's worth at a time. */
    public static final int MAX_DOSSIERS = 100;
    private static final float MM = 72f / 25.4f;
    private static final int COLUMNS = 2;
    private static final int ROWS = 5;
    private static final float LABEL_WIDTH = 95 * MM;
    private static final float LABEL_HEIGHT = 54 * MM;
    private static final float SHEET_LEFT = (PDRectangle.A4.getWidth() - COLUMNS * LABEL_WIDTH) / 2;
    private static final float SHEET_TOP = PDRectangle.A4.getHeight() - (PDRectangle.A4.getHeight() - ROWS * LABEL_HEIGHT) / 2;
    private static final int BOX_LISTED = 40;

    @Inject
    ArchiveSettings settings;

    @Inject
    DossierLookup lookup;

    @Inject
    DossierRepository dossiers;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    /** Cover labels for the dossiers the references name (ids or any number {@link DossierLookup} knows), in that order. */
    @Transactional
    public byte[] covers(AuditLog.Actor actor, User user, List<String> references) {
        if (references == null || references.stream().allMatch(reference -> reference == null || reference.isBlank())) {
            throw ProblemException.invalid(List.of(new FieldError("dossier", "validation.required")));
        }
        if (references.size() > MAX_DOSSIERS) {
            throw ProblemException.invalid(List.of(new FieldError("dossier", "validation.labels.too.many", MAX_DOSSIERS)));
        }
        requireFont();
        List<Dossier> labelled = lookup.ids(user, references).stream().map(id -> dossiers.find(id).orElseThrow()).toList();
        byte[] pdf = render(document -> {
            for (int index = 0; index < labelled.size(); index++) {
                if (index % (COLUMNS * ROWS) == 0) {
                    document.newPage();
                }
                int slot = index % (COLUMNS * ROWS);
                float x = SHEET_LEFT + (slot % COLUMNS) * LABEL_WIDTH;
                float y = SHEET_TOP - (slot / COLUMNS + 1) * LABEL_HEIGHT;
                cover(document, labelled.get(index), x, y);
            }
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report", "labels");
        details.put("dossiers", labelled.stream().map(dossier -> dossier.id().toString()).toList().toString());
        details.put("total", labelled.size());
        audit.record(actor, ReportAuditActions.REPORT_GENERATED, "report:labels", Outcome.SUCCESS, details);
        return pdf;
    }

    /** The label of one box: its place, and the dossiers recorded in it that this person may read. */
    @Transactional
    public byte[] box(AuditLog.Actor actor, User user, PaperLocation location) {
        List<Dossier> held = lookup.inBox(user, location);
        if (held.isEmpty()) {
            throw ProblemException.notFound("problem.labels.box.empty", location.describe());
        }
        requireFont();
        byte[] pdf = render(document -> {
            document.newPage();
            PDPageContentStream content = document.content;
            PDType0Font font = document.font;
            float left = 20 * MM;
            float top = PDRectangle.A4.getHeight() - 20 * MM;
            float width = PDRectangle.A4.getWidth() - 40 * MM;
            float height = 120 * MM;
            content.setLineWidth(0.8f);
            content.addRect(left, top - height, width, height);
            content.stroke();
            float qr = 40 * MM;
            QrCode.of(location.describe()).draw(content, left + width - qr - 8 * MM, top - qr - 8 * MM, qr);
            text(content, font, 11, left + 8 * MM, top - 12 * MM, "档案盒 · Box");
            // The place, beside the QR code and never under it: a long name wraps.
            float y = top - 24 * MM;
            for (String part : wrap(font, document.printable(location.describe()), 20, width - qr - 24 * MM).stream().limit(2).toList()) {
                text(content, font, 20, left + 8 * MM, y, part);
                y -= 9 * MM;
            }
            text(content, font, 11, left + 8 * MM, y, "共 " + held.size() + " 卷");
            y = top - qr - 18 * MM;
            for (int index = 0; index < Math.min(held.size(), BOX_LISTED); index++) {
                int column = index % 2;
                if (column == 0 && index > 0) {
                    y -= 5.5f * MM;
                }
                text(content, font, 9, left + 8 * MM + column * (width / 2), y, document.printable(DossierLookup.uniqueNumber(held.get(index))));
            }
            if (held.size() > BOX_LISTED) {
                text(content, font, 9, left + 8 * MM, y - 6 * MM, "另有 " + (held.size() - BOX_LISTED) + " 卷，见档案保管清册");
            }
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report", "box-label");
        details.put("room", location.room());
        details.put("shelf", location.shelf());
        details.put("box", location.box());
        details.put("total", held.size());
        audit.record(actor, ReportAuditActions.REPORT_GENERATED, "report:box-label", Outcome.SUCCESS, details);
        return pdf;
    }

    private void cover(Sheet sheet, Dossier dossier, float x, float y) throws IOException {
        PDPageContentStream content = sheet.content;
        PDType0Font font = sheet.font;
        float pad = 5 * MM;
        content.setLineWidth(0.4f);
        content.setLineDashPattern(new float[] {2, 2}, 0);
        content.addRect(x + 1, y + 1, LABEL_WIDTH - 2, LABEL_HEIGHT - 2);
        content.stroke();
        content.setLineDashPattern(new float[] {}, 0);
        String code = DossierLookup.uniqueNumber(dossier);
        float qr = 30 * MM;
        QrCode.of(code).draw(content, x + LABEL_WIDTH - qr - pad, y + LABEL_HEIGHT - qr - pad, qr);
        float textWidth = LABEL_WIDTH - qr - 3 * pad;
        float line = y + LABEL_HEIGHT - pad - 9;
        text(content, font, 8, x + pad, line, dossier.archivalCode() == null ? "业务号（未归档）" : "档号");
        line -= 13;
        for (String part : wrap(font, code, 10, textWidth)) {
            text(content, font, 10, x + pad, line, part);
            line -= 12;
        }
        line -= 4;
        for (String part : wrap(font, sheet.printable(dossier.title()), 8, textWidth).stream().limit(3).toList()) {
            text(content, font, 8, x + pad, line, part);
            line -= 10;
        }
        float bottom = y + pad + 12;
        String period = dossier.archivalCode() == null ? "" : CustodyRegister.period(dossier.archivalCode().split("-").length > 2
                ? dossier.archivalCode().split("-")[2] : null);
        text(content, font, 8, x + pad, bottom, (dossier.archivalYear() == null ? "" : "年度 " + dossier.archivalYear() + "　")
                + (period.isEmpty() ? "" : "保管期限 " + period));
        text(content, font, 8, x + pad, bottom - 11, sheet.printable(
                dossier.paperLocation().map(PaperLocation::describe).map(place -> "存放 " + place).orElse("存放位置未登记")));
    }

    private interface Drawing {
        void draw(Sheet sheet) throws IOException;
    }

    /** The document being drawn, its current page's content stream and the embedded font. */
    private static final class Sheet {
        private final PDDocument document;
        private final ChineseFont chinese;
        private final PDType0Font font;
        private PDPageContentStream content;

        private Sheet(PDDocument document, ChineseFont chinese) {
            this.document = document;
            this.chinese = chinese;
            this.font = chinese.font();
        }

        void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
        }

        String printable(String value) {
            return chinese.printable(value);
        }
    }

    private byte[] render(Drawing drawing) {
        try (PDDocument document = new PDDocument(); ChineseFont chinese = ChineseFont.embed(document, settings.pdfFont())) {
            Sheet sheet = new Sheet(document, chinese);
            drawing.draw(sheet);
            if (sheet.content != null) {
                sheet.content.close();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireFont() {
        if (!Files.isReadable(settings.pdfFont())) {
            throw ProblemException.unavailable("problem.report.font.missing");
        }
    }

    /** Breaks text into lines no wider than {@code width} points at {@code size}. */
    private static List<String> wrap(PDType0Font font, String value, float size, float width) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int index = 0; index < value.length(); ) {
            int point = value.codePointAt(index);
            String character = new String(Character.toChars(point));
            if (line.length() > 0 && font.getStringWidth(line + character) / 1000 * size > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(character);
            index += Character.charCount(point);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static void text(PDPageContentStream content, PDType0Font font, float size, float x, float y, String value)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(value);
        content.endText();
    }
}

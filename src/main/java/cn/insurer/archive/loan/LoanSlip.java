package cn.insurer.archive.loan;

import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.config.ShownTimes;
import cn.insurer.archive.report.ChineseFont;
import cn.insurer.archive.dossier.Dossier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** 借阅单: the printable loan slip, in Chinese, with the approvals and lines for signatures on return. */
@ApplicationScoped
public class LoanSlip {

    private static final Map<LoanKind, String> KINDS = Map.of(LoanKind.VIEW, "在线查阅", LoanKind.COPY, "复制（水印件）",
            LoanKind.ORIGINAL, "调阅纸质原件");

    @Inject
    ArchiveSettings settings;

    @Inject
    ShownTimes times;

    @Inject
    LoanVisibility visibility;

    @Inject
    cn.insurer.archive.dossier.DossierRepository dossiers;

    @Inject
    cn.insurer.archive.access.AccessPolicy access;

    /** A printed slip is known by its loan's number. */
    public record Printed(String number, byte[] pdf) {
    }

    /**
     * The slip of a loan the user may see ({@link LoanVisibility}; otherwise 403, audited), with the
     * dossier's numbers for its borrower once the loan was approved, and for anyone who may read the
     * dossier (a clerk who sees every loan sees no more of a dossier above their clearance than
     * search shows them): the API and the desk both print it here.
     */
    @jakarta.transaction.Transactional
    public Printed print(cn.insurer.archive.audit.AuditLog.Actor actor, cn.insurer.archive.access.User user, java.util.UUID loanId) {
        Loan loan = visibility.visible(actor, user, loanId, "loan.slip");
        Dossier dossier = dossiers.find(loan.dossierId()).orElseThrow();
        boolean lentToThem = loan.activatedAt() != null && loan.borrower().equals(user.username());
        return new Printed(loan.number(), render(loan, dossier, lentToThem || access.canRead(user, dossier)));
    }

    /**
     * The slip as the viewer may see it: the dossier's numbers once the loan was approved or for one
     * who may read the dossier; before that only its title, as search shows it. A borrower waiting
     * for approval learns no more of the dossier than they knew when they asked for it.
     */
    public byte[] render(Loan loan, Dossier dossier, boolean dossierFacts) {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"借阅单号", loan.number()});
        fields.add(new String[] {"借阅人", loan.borrower()});
        fields.add(new String[] {"案卷题名", dossier.title()});
        String withheld = "（借阅生效后显示）";
        fields.add(new String[] {"档号", !dossierFacts ? withheld : dossier.archivalCode() == null ? "（未归档）" : dossier.archivalCode()});
        fields.add(new String[] {"业务编号", dossierFacts ? dossier.businessKey() : withheld});
        fields.add(new String[] {"借阅范围", loan.itemIds().isEmpty()
                ? "整卷：申请时卷内已有的 " + loan.coveredItemIds().size() + " 件（之后归入的文件不在借阅范围内，须另行申请）"
                : loan.itemIds().size() + " 件"});
        fields.add(new String[] {"密级", loan.securityLevel().chineseName()});
        fields.add(new String[] {"借阅方式", KINDS.get(loan.kind())});
        fields.add(new String[] {"借阅用途", loan.purpose()});
        fields.add(new String[] {"借阅期限", loan.days() + " 天"});
        fields.add(new String[] {"申请时间", format(loan.requestedAt())});
        fields.add(new String[] {"生效时间", format(loan.activatedAt())});
        fields.add(new String[] {"应还时间", format(loan.dueAt())});
        fields.add(new String[] {"状态", loan.status().name()});
        for (LoanDecision decision : loan.decisions()) {
            fields.add(new String[] {"审批 " + (decision.step() + 1), decision.role() + " " + decision.approver() + " "
                    + (decision.approved() ? "同意" : "驳回") + "：" + decision.comment() + "（" + format(decision.decidedAt()) + "）"});
        }
        try (PDDocument document = new PDDocument(); ChineseFont chinese = ChineseFont.embed(document, settings.pdfFont())) {
            PDType0Font font = chinese.font();
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            float y = PDRectangle.A4.getHeight() - 70;
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                text(content, font, 20, 250, y, "借 阅 单");
                y -= 18;
                text(content, font, 9, 262, y, "Loan slip");
                y -= 36;
                for (String[] field : fields) {
                    text(content, font, 11, 70, y, field[0]);
                    for (String line : wrap(field[1], 34)) {
                        text(content, font, 11, 160, y, line);
                        y -= 18;
                    }
                    content.moveTo(60, y + 12);
                    content.lineTo(535, y + 12);
                    content.setLineWidth(0.3f);
                    content.stroke();
                }
                y -= 30;
                text(content, font, 11, 70, y, "借阅人签字：______________      经办人：______________      归还日期：______________");
                y -= 30;
                text(content, font, 9, 70, y, "档案不得擅自复制、摘抄或外传；复制件仅供借阅使用。Records lent may not be copied or passed on.");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(PDPageContentStream content, PDType0Font font, float size, float x, float y, String value)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(value.replaceAll("\\p{Cntrl}", " "));
        content.endText();
    }

    private static List<String> wrap(String value, int width) {
        List<String> lines = new ArrayList<>();
        String rest = value == null ? "" : value;
        while (rest.length() > width) {
            lines.add(rest.substring(0, width));
            rest = rest.substring(width);
        }
        lines.add(rest);
        return lines;
    }

    private String format(Instant instant) {
        return instant == null ? "—" : times.format(instant);
    }
}

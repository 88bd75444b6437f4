package cn.insurer.archive.retention;

import cn.insurer.archive.report.ChineseFont;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * 档案销毁证明: one per executed destruction batch, in Chinese, listing every dossier destroyed with
 * the rule that let it go, the appraisal opinion, the two approvers and the time of execution.
 * It is rendered from the batch's permanent rows, so it reads the same whenever it is asked for.
 */
public final class DestructionCertificate {

    private static final float MARGIN = 48;
    private static final float SIZE = 9;
    private static final float LINE = 14;
    private static final float[] COLUMNS = {24, 120, 90, 150, 80, 60};

    private final PDDocument document = new PDDocument();
    private final PDType0Font font;
    private final ChineseFont chinese;
    private PDPageContentStream page;
    private float y;
    private int pages;

    private final DateTimeFormatter times;

    private DestructionCertificate(Path fontFile, DateTimeFormatter times) throws IOException {
        this.times = times;
        chinese = ChineseFont.embed(document, fontFile);
        font = chinese.font();
    }

    public static void write(Disposition batch, Path fontFile, DateTimeFormatter times, OutputStream out) throws IOException {
        DestructionCertificate certificate = new DestructionCertificate(fontFile, times);
        try {
            certificate.render(batch);
            certificate.page.close();
            certificate.document.save(out);
        } finally {
            certificate.document.close();
            certificate.chinese.close();
        }
    }

    private void render(Disposition batch) throws IOException {
        newPage();
        text(MARGIN, y, "档案销毁证明", 18);
        y -= 30;
        List<DispositionEntry> destroyed = batch.entries().stream()
                .filter(entry -> entry.outcome() == DispositionEntry.Outcome.DESTROYED).toList();
        line("批次编号：" + batch.number());
        line("处置方式：销毁    销毁案卷：" + destroyed.size() + " 卷    跳过：" + (batch.entries().size() - destroyed.size()) + " 卷");
        line("提出人：" + batch.proposedBy() + "    提出时间：" + time(batch.proposedAt()));
        line("档案主管批准：" + batch.managerApprovedBy() + "    时间：" + time(batch.managerApprovedAt()));
        line("审计会签：" + batch.auditorApprovedBy() + "    时间：" + time(batch.auditorApprovedAt()));
        line("执行人：" + batch.executedBy() + "    执行时间：" + time(batch.executedAt()));
        for (String part : wrap("鉴定意见：" + batch.appraisal(), PDRectangle.A4.getWidth() - 2 * MARGIN)) {
            line(part);
        }
        y -= LINE / 2;
        row(List.of("序号", "档号", "业务编号", "题名", "保管规则", "到期日期"));
        int number = 1;
        for (DispositionEntry entry : destroyed) {
            row(List.of(Integer.toString(number++), nullToDash(entry.archivalCode()), entry.businessKey(), entry.title(),
                    nullToDash(entry.ruleId()), entry.dispositionDate() == null ? "-" : entry.dispositionDate().toString()));
        }
        y -= LINE;
        line("以上档案经鉴定已到保管期限，依《会计档案管理办法》及本公司档案保管期限表，经档案主管与审计双人审批后销毁。");
        line("本证明与销毁清册永久保存。");
    }

    private void line(String value) throws IOException {
        if (y < MARGIN + LINE) {
            newPage();
        }
        text(MARGIN, y, value, SIZE);
        y -= LINE;
    }

    private void row(List<String> cells) throws IOException {
        if (y < MARGIN + LINE) {
            newPage();
        }
        float x = MARGIN;
        for (int i = 0; i < cells.size(); i++) {
            text(x, y, chinese.fit(cells.get(i), COLUMNS[i] - 4, SIZE), SIZE);
            x += COLUMNS[i];
        }
        y -= LINE;
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(PDRectangle.A4);
        document.addPage(next);
        pages++;
        page = new PDPageContentStream(document, next);
        y = PDRectangle.A4.getHeight() - MARGIN;
        text(MARGIN, MARGIN / 2, "档案销毁证明 · 第 " + pages + " 页", 8);
    }

    private void text(float x, float at, String value, float size) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, at);
        page.showText(chinese.printable(value));
        page.endText();
    }

    private List<String> wrap(String value, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int offset = 0; offset < value.length(); ) {
            int codePoint = value.codePointAt(offset);
            String character = new String(Character.toChars(codePoint));
            if (width(current + character) > width) {
                lines.add(current.toString());
                current.setLength(0);
            }
            current.append(character);
            offset += Character.charCount(codePoint);
        }
        lines.add(current.toString());
        return lines;
    }


    private float width(String value) throws IOException {
        return font.getStringWidth(chinese.printable(value)) / 1000 * SIZE;
    }


    private String time(Instant at) {
        return at == null ? "-" : times.format(at);
    }

    private static String nullToDash(String value) {
        return value == null ? "-" : value;
    }
}

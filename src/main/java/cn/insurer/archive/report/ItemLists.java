package cn.insurer.archive.report;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.config.ShownTimes;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierAuditActions;
import cn.insurer.archive.dossier.ExtractionState;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.PaperLocation;
import cn.insurer.archive.dossier.Reading;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * 卷内目录: the item list of one dossier as filed with its paper, one row per item in filing
 * order. Reading it reveals the dossier's content, so it goes through the same read decision and
 * is audited like a read; an item the reader may not see keeps its place as a 受限文件 row.
 */
@ApplicationScoped
public class ItemLists {

    static final List<ReportColumn> COLUMNS = List.of(new ReportColumn("件号", 5), new ReportColumn("责任者", 12),
            new ReportColumn("题名", 34), new ReportColumn("日期", 10), new ReportColumn("页数", 5),
            new ReportColumn("密级", 6), new ReportColumn("备注", 14));


    /** The title of a row the reader may not see: the paper list is printed in Chinese, like its columns. */
    static final String RESTRICTED = "受限文件";

    @Inject
    Reading reading;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Inject
    ArchiveSettings settings;

    @Inject
    ShownTimes times;

    @Inject
    java.time.Clock clock;

    /** Checked before anything is read, so the caller gets a clear error. */
    public boolean canRender(ReportFormat format) {
        return format != ReportFormat.PDF || java.nio.file.Files.isReadable(settings.pdfFont());
    }

    @Transactional
    public byte[] render(AuditLog.Actor actor, User user, UUID dossierId, ReportFormat format) {
        Dossier dossier = reading.dossier(actor, user, dossierId);
        ReportHeader header = new ReportHeader("卷内目录", particulars(dossier, user), COLUMNS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RowSink sink = open(format, header, out)) {
            for (Item item : dossier.items()) {
                sink.row(access.canSeeItem(user, item) ? row(dossier, item) : restrictedRow(item));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", format.name());
        details.put("items", dossier.items().size());
        details.put("archivalCode", dossier.archivalCode());
        audit.record(actor, DossierAuditActions.ITEM_LIST_GENERATED, "dossier:" + dossierId, Outcome.SUCCESS, details);
        return out.toByteArray();
    }

    private List<ReportHeader.Particular> particulars(Dossier dossier, User user) {
        List<ReportHeader.Particular> particulars = new ArrayList<>();
        particulars.add(new ReportHeader.Particular("档号", dossier.archivalCode() == null ? "（未归档）" : dossier.archivalCode()));
        particulars.add(new ReportHeader.Particular("案卷题名", dossier.title()));
        particulars.add(new ReportHeader.Particular("立卷部门", dossier.department()));
        particulars.add(new ReportHeader.Particular("原件存放位置",
                dossier.paperLocation().map(PaperLocation::describe).orElse("（未登记）")));
        particulars.add(new ReportHeader.Particular("生成", times.format(clock.instant()) + "  " + ReportHeader.person(user)));
        return particulars;
    }

    /**
     * The responsible party (责任者) is the filing department: items carry no author of their own.
     * Remarks name what a reader of the paper list cannot see, such as an item withdrawn before
     * sealing (with its reason) or an original whose text could not be read.
     */
    private static List<String> row(Dossier dossier, Item item) {
        String remarks = item.withdrawn() ? "已撤回：" + item.withdrawalReason()
                : item.supplement() ? "补充归档：" + item.supplementReason() : switch (item.extractionState()) {
            case FAILED -> "全文提取失败";
            case UNSUPPORTED -> "格式不支持全文提取";
            case PENDING, RUNNING -> "全文提取中";
            case DONE -> "";
        };
        return List.of(Integer.toString(item.itemNumber()), dossier.department(), item.title(),
                item.documentDate() == null ? "" : item.documentDate().toString(),
                item.pages() == null ? "" : item.pages().toString(),
                item.securityLevel().chineseName(), remarks);
    }

    /** That a document is filed at this place in the list, and nothing of what it is. */
    private static List<String> restrictedRow(Item item) {
        return List.of(Integer.toString(item.itemNumber()), "", RESTRICTED, "", "", "", "");
    }

    private RowSink open(ReportFormat format, ReportHeader header, ByteArrayOutputStream out) throws IOException {
        return switch (format) {
            case CSV -> new CsvRowSink(out, header);
            case XLSX -> new XlsxRowSink(out, header);
            case PDF -> new PdfRowSink(out, header, settings.pdfFont(), PdfRowSink.Layout.LIST, times.zone());
        };
    }
}

package cn.insurer.archive.web;

import cn.insurer.archive.access.AccessAuditActions;
import cn.insurer.archive.audit.AuditAction;
import cn.insurer.archive.audit.AuditAuditActions;
import cn.insurer.archive.cluster.ClusterAuditActions;
import cn.insurer.archive.custody.CustodyAuditActions;
import cn.insurer.archive.dossier.DossierAuditActions;
import cn.insurer.archive.ingest.ImportAuditActions;
import cn.insurer.archive.loan.LoanAuditActions;
import cn.insurer.archive.report.ReportAuditActions;
import cn.insurer.archive.retention.RetentionAuditActions;
import cn.insurer.archive.search.SearchAuditActions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every audit action the features declare, for the audit page's names ({@code audit.action.CODE}
 * in the desk's bundles) and its choice of action to filter by. A code the trail holds but no
 * feature declares any more is shown as the code itself.
 */
final class AuditActions {

    static final List<String> CODES = Stream.of(AccessAuditActions.values(), AuditAuditActions.values(),
                    DossierAuditActions.values(), ImportAuditActions.values(), SearchAuditActions.values(),
                    LoanAuditActions.values(), RetentionAuditActions.values(), CustodyAuditActions.values(),
                    ReportAuditActions.values(), ClusterAuditActions.values())
            .flatMap(Arrays::stream).map(AuditAction::code).toList();

    private AuditActions() {
    }

    static String name(UiText text, String code) {
        String key = "audit.action." + code;
        String name = text.get(key);
        return name.equals(key) ? code : name;
    }
}

package cn.insurer.archive.retention;

import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.report.Register;
import cn.insurer.archive.report.RegisterQuery;
import cn.insurer.archive.report.ReportColumn;
import cn.insurer.archive.report.ReportFilter;
import cn.insurer.archive.report.RowSink;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A register of disposed dossiers with their batch, rule, appraisal and approvers; kept permanently. */
public abstract class DispositionRegister implements Register {

    /** The outcome of the dossiers this register lists. */
    protected abstract String outcome();

    /**
     * A disposition member's security level, for confining the register to the reader's clearance,
     * by the rule batches are handled by (Dispositions.highestLevel): the dossier's level while it
     * exists, then the level recorded on its member row (the highest of the dossier and its items),
     * and the highest of all for members recorded before the level was kept.
     */
    static String levelOf(String dossierId, String recordedLevel) {
        return "coalesce((select d.security_level from dossier d where d.id = " + dossierId + "), " + recordedLevel
                + ", '" + HIGHEST.name() + "')";
    }

    private static final SecurityLevel HIGHEST = SecurityLevel.values()[SecurityLevel.values().length - 1];

    @Override
    public List<ReportColumn> columns() {
        return List.of(new ReportColumn("批次", 14), new ReportColumn("档号", 21), new ReportColumn("业务编号", 14),
                new ReportColumn("题名", 23), new ReportColumn("件数", 4), new ReportColumn("保管规则", 12),
                new ReportColumn("政策版本", 12), new ReportColumn("到期日期", 9), new ReportColumn("鉴定意见", 24),
                new ReportColumn("提出人", 8), new ReportColumn("档案主管", 8), new ReportColumn("审计", 8),
                new ReportColumn("执行时间", 14));
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        new RegisterQuery("select b.number, e.archival_code, e.business_key, e.title, e.item_count, e.rule_id, "
                + "e.policy_version, e.disposition_date, b.appraisal, " + RegisterQuery.person("b.proposed_by") + ", "
                + RegisterQuery.person("b.manager_approved_by") + ", " + RegisterQuery.person("b.auditor_approved_by") + ", b.executed_at from disposition_dossier e join disposition b on b.id = e.disposition_id "
                + "where e.outcome = ?", outcome())
                .within("b.executed_at", filter)
                .by("b.executed_by", filter)
                .readable(levelOf("e.dossier_id", "e.security_level"), "e.department", filter)
                .stream(connection, " order by b.executed_at, b.id, e.archival_code, e.business_key", row -> List.of(row.getString(1),
                        RegisterQuery.text(row.getString(2)), row.getString(3), row.getString(4), Integer.toString(row.getInt(5)),
                        RegisterQuery.text(row.getString(6)), RegisterQuery.text(row.getString(7)), RegisterQuery.text(row.getString(8)),
                        row.getString(9), row.getString(10), RegisterQuery.text(row.getString(11)),
                        RegisterQuery.text(row.getString(12)), RegisterQuery.time(row, 13)), sink);
    }
}

package cn.insurer.archive.retention;

import cn.insurer.archive.report.Register;
import cn.insurer.archive.report.ReportColumn;
import cn.insurer.archive.report.ReportFilter;
import cn.insurer.archive.report.RowSink;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A register of disposed dossiers with their batch, rule, appraisal and approvers; kept permanently. */
public abstract class DispositionRegister implements Register {

    /** The outcome of the dossiers this register lists. */
    protected abstract String outcome();

    @Override
    public List<ReportColumn> columns() {
        return List.of(new ReportColumn("批次", 14), new ReportColumn("档号", 18), new ReportColumn("业务编号", 14),
                new ReportColumn("题名", 26), new ReportColumn("件数", 4), new ReportColumn("保管规则", 12),
                new ReportColumn("政策版本", 12), new ReportColumn("到期日期", 9), new ReportColumn("鉴定意见", 24),
                new ReportColumn("提出人", 8), new ReportColumn("档案主管", 8), new ReportColumn("审计", 8),
                new ReportColumn("执行时间", 14));
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        StringBuilder sql = new StringBuilder("select b.id, e.archival_code, e.business_key, e.title, e.item_count, e.rule_id, "
                + "e.policy_version, e.disposition_date, b.appraisal, b.proposed_by, b.manager_approved_by, "
                + "b.auditor_approved_by, b.executed_at from disposition_dossier e join disposition b on b.id = e.disposition_id "
                + "where e.outcome = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(outcome());
        if (filter.from() != null) {
            sql.append(" and b.executed_at >= ?");
            parameters.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            sql.append(" and b.executed_at < ?");
            parameters.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        if (filter.actor() != null) {
            sql.append(" and b.executed_by = ?");
            parameters.add(filter.actor());
        }
        sql.append(" order by b.executed_at, b.id, e.archival_code, e.business_key");
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            select.setFetchSize(1000);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    sink.row(List.of(row.getString(1), RetentionDueRegister.text(row.getString(2)), row.getString(3),
                            row.getString(4), Integer.toString(row.getInt(5)), RetentionDueRegister.text(row.getString(6)),
                            RetentionDueRegister.text(row.getString(7)), RetentionDueRegister.text(row.getString(8)),
                            row.getString(9), row.getString(10), RetentionDueRegister.text(row.getString(11)),
                            RetentionDueRegister.text(row.getString(12)),
                            row.getObject(13, OffsetDateTime.class).toInstant().toString()));
                }
            }
        }
    }
}

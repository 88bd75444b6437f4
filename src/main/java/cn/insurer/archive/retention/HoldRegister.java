package cn.insurer.archive.retention;

import cn.insurer.archive.report.Register;
import cn.insurer.archive.report.RegisterQuery;
import cn.insurer.archive.report.ReportColumn;
import cn.insurer.archive.report.ReportFilter;
import cn.insurer.archive.report.RowSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** 冻结登记簿: each hold with its scope, one row per held dossier, including released holds. */
@ApplicationScoped
public class HoldRegister implements Register {

    @Override
    public String name() {
        return "holds";
    }

    @Override
    public String title() {
        return "冻结登记簿";
    }

    @Override
    public List<ReportColumn> columns() {
        return List.of(new ReportColumn("案号", 14), new ReportColumn("事由", 24), new ReportColumn("状态", 6),
                new ReportColumn("案卷", 22), new ReportColumn("业务编号", 14), new ReportColumn("冻结人", 8),
                new ReportColumn("冻结时间", 14), new ReportColumn("解除人", 8), new ReportColumn("解除时间", 14),
                new ReportColumn("解除说明", 20), new ReportColumn("检索范围", 16));
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        new RegisterQuery("select h.case_reference, h.reason, h.status, hd.dossier_id, "
                + "coalesce(d.business_key, (select e.business_key from disposition_dossier e where e.dossier_id = hd.dossier_id limit 1)), "
                + RegisterQuery.person("h.placed_by") + ", h.placed_at, " + RegisterQuery.person("h.released_by") + ", h.released_at, h.release_comment, h.scope_query "
                + "from legal_hold h join legal_hold_dossier hd on hd.hold_id = h.id left join dossier d on d.id = hd.dossier_id "
                + "where true")
                .within("h.placed_at", filter)
                .by("h.placed_by", filter)
                // A hold outlives the dossiers it held: a destroyed one is judged by its tombstone.
                .readable(DispositionRegister.levelOf("hd.dossier_id", "(select e.security_level from disposition_dossier e "
                        + "where e.dossier_id = hd.dossier_id and e.outcome in ('DESTROYED', 'TRANSFERRED') limit 1)"), "coalesce(d.department, "
                        + "(select e.department from disposition_dossier e where e.dossier_id = hd.dossier_id limit 1))", filter)
                .stream(connection, " order by h.placed_at, h.id, hd.dossier_id", row -> List.of(row.getString(1), row.getString(2),
                        "ACTIVE".equals(row.getString(3)) ? "冻结中" : "已解除", row.getString(4), RegisterQuery.text(row.getString(5)),
                        row.getString(6), RegisterQuery.time(row, 7), RegisterQuery.text(row.getString(8)), RegisterQuery.time(row, 9),
                        RegisterQuery.text(row.getString(10)), RegisterQuery.text(row.getString(11))), sink);
    }
}

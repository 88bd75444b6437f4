package cn.insurer.archive.retention;

import cn.insurer.archive.report.Register;
import cn.insurer.archive.report.ReportColumn;
import cn.insurer.archive.report.ReportFilter;
import cn.insurer.archive.report.RowSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
        StringBuilder sql = new StringBuilder("select h.case_reference, h.reason, h.status, hd.dossier_id, "
                + "coalesce(d.business_key, (select e.business_key from disposition_dossier e where e.dossier_id = hd.dossier_id limit 1)), "
                + "h.placed_by, h.placed_at, h.released_by, h.released_at, h.release_comment, h.scope_query "
                + "from legal_hold h join legal_hold_dossier hd on hd.hold_id = h.id left join dossier d on d.id = hd.dossier_id "
                + "where true");
        List<Object> parameters = new ArrayList<>();
        if (filter.from() != null) {
            sql.append(" and h.placed_at >= ?");
            parameters.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            sql.append(" and h.placed_at < ?");
            parameters.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        if (filter.actor() != null) {
            sql.append(" and h.placed_by = ?");
            parameters.add(filter.actor());
        }
        sql.append(" order by h.placed_at, h.id, hd.dossier_id");
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            select.setFetchSize(1000);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    OffsetDateTime released = row.getObject(9, OffsetDateTime.class);
                    sink.row(List.of(row.getString(1), row.getString(2), "ACTIVE".equals(row.getString(3)) ? "冻结中" : "已解除",
                            row.getString(4), RetentionDueRegister.text(row.getString(5)), row.getString(6),
                            row.getObject(7, OffsetDateTime.class).toInstant().toString(),
                            RetentionDueRegister.text(row.getString(8)), released == null ? "" : released.toInstant().toString(),
                            RetentionDueRegister.text(row.getString(10)), RetentionDueRegister.text(row.getString(11))));
                }
            }
        }
    }
}

package cn.insurer.archive.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * 理赔台账: every claim dossier filed in the period with its ledger fields (赔案号, 保单号, 被保险人,
 * 出险日期, 赔款金额, 险种, 部门) and where it stands; the filter's window applies to the filing
 * time and its actor to who filed it.
 */
@ApplicationScoped
public class ClaimLedger implements Register {

    @Override
    public String name() {
        return "claim-ledger";
    }

    @Override
    public String title() {
        return "理赔台账";
    }

    @Override
    public List<ReportColumn> columns() {
        return List.of(new ReportColumn("赔案号", 16), new ReportColumn("保单号", 16), new ReportColumn("被保险人", 12),
                new ReportColumn("出险日期", 10), new ReportColumn("赔款金额", 12), new ReportColumn("险种", 8),
                new ReportColumn("部门", 8), new ReportColumn("立卷时间", 14), new ReportColumn("状态", 6), new ReportColumn("档号", 22));
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        new RegisterQuery("select d.claim_number, d.policy_number, d.insured, d.loss_date, d.claim_amount, d.product_line, "
                + "d.department, d.created_at, d.status, d.archival_code from dossier d where d.type = 'CLAIM'")
                .within("d.created_at", filter)
                .by("d.created_by", filter)
                .readable("d.security_level", "d.department", filter)
                .stream(connection, " order by d.created_at, d.claim_number", row -> List.of(RegisterQuery.text(row.getString(1)),
                        RegisterQuery.text(row.getString(2)), RegisterQuery.text(row.getString(3)), RegisterQuery.text(row.getString(4)),
                        row.getBigDecimal(5) == null ? "" : row.getBigDecimal(5).toPlainString(), RegisterQuery.text(row.getString(6)),
                        RegisterQuery.text(row.getString(7)), RegisterQuery.time(row, 8),
                        "SEALED".equals(row.getString(9)) ? "已归档" : "立卷中", RegisterQuery.text(row.getString(10))), sink);
    }
}

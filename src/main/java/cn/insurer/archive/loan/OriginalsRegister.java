package cn.insurer.archive.loan;

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

/**
 * 原件出借登记簿: every paper original that left the 库房, who took it, who handed it out and when,
 * and when and in what condition it came back. Originals still out come first, longest out first:
 * the register answers "who holds what now, since when". A renewed loan's line is its renewal's.
 * The filter's window applies to the hand-out and its actor to the holder.
 */
@ApplicationScoped
public class OriginalsRegister implements Register {

    @Override
    public String name() {
        return "originals-register";
    }

    @Override
    public String title() {
        return "原件出借登记簿";
    }

    @Override
    public List<ReportColumn> columns() {
        return List.of(new ReportColumn("借阅单号", 14), new ReportColumn("持有人", 11), new ReportColumn("案卷题名", 18),
                new ReportColumn("档号", 22), new ReportColumn("存放位置", 14), new ReportColumn("出库时间", 14),
                new ReportColumn("出库经办", 11), new ReportColumn("应还时间", 14), new ReportColumn("归还入库", 14),
                new ReportColumn("入库经办", 11), new ReportColumn("归还状况", 16));
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        new RegisterQuery("select l.number, " + RegisterQuery.person("l.borrower") + ", coalesce(d.title, l.dossier_title), "
                + "coalesce(d.archival_code, l.dossier_archival_code), "
                + "case when d.paper_room is null then null else d.paper_room || ' / ' || d.paper_shelf || ' / ' || d.paper_box end, "
                + "l.handed_out_at, " + RegisterQuery.person("l.handed_out_by") + ", l.due_at, l.checked_in_at, "
                + "case when l.checked_in_by is null then null else " + RegisterQuery.person("l.checked_in_by") + " end, "
                + "l.check_in_condition "
                + "from loan l left join dossier d on d.id = l.dossier_id where l.handed_out_at is not null and l.status <> 'RENEWED'")
                .within("l.handed_out_at", filter)
                .by("l.borrower", filter)
                .readable(LoanRegister.LEVEL, LoanRegister.DEPARTMENT, filter)
                .stream(connection, " order by l.checked_in_at is not null, l.handed_out_at, l.number", row -> List.of(
                        row.getString(1), row.getString(2), row.getString(3), RegisterQuery.text(row.getString(4)),
                        RegisterQuery.text(row.getString(5)), RegisterQuery.time(row, 6), row.getString(7), RegisterQuery.time(row, 8),
                        RegisterQuery.time(row, 9), RegisterQuery.text(row.getString(10)), RegisterQuery.text(row.getString(11))), sink);
    }
}

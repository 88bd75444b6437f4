package cn.insurer.archive.loan;

import cn.insurer.archive.report.RegisterQuery;
import cn.insurer.archive.report.ReportFilter;
import cn.insurer.archive.report.RowSink;
import cn.insurer.archive.report.StatisticsSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * 借阅 figures: loans requested by the borrower's department, by kind and by purpose (the ten most
 * frequent), and the overdue rate: of the loans that came into force, those given back after their
 * due time or still out past it. A loan taken over by its renewal is not late for that.
 */
@ApplicationScoped
public class LoanStatistics implements StatisticsSection {

    public static final String BY_DEPARTMENT = "借阅·部门";
    public static final String BY_KIND = "借阅·方式";
    public static final String BY_PURPOSE = "借阅·用途（前十）";
    public static final String OVERDUE = "借阅·逾期";
    static final int PURPOSES = 10;

    @Inject
    Clock clock;

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        grouped(connection, filter, sink, BY_DEPARTMENT, "coalesce((select u.department from app_user u where u.username = l.borrower), '')",
                " group by 1 order by 2 desc, 1", code -> code.isEmpty() ? "（未登记部门）" : code);
        grouped(connection, filter, sink, BY_KIND, "l.kind", " group by 1 order by 1", code -> LoanRegister.KINDS.getOrDefault(code, code));
        grouped(connection, filter, sink, BY_PURPOSE, "l.purpose", " group by 1 order by 2 desc, 1 limit " + PURPOSES, purpose -> purpose);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        new RegisterQuery("select count(*) filter (where l.activated_at is not null), "
                + "count(*) filter (where l.activated_at is not null and ((l.status = 'RETURNED' and l.ended_at > l.due_at) "
                + "or (l.status = 'ACTIVE' and l.due_at <= ?))) " + LoanRegister.FROM, now)
                .within("l.requested_at", filter)
                .readable(LoanRegister.LEVEL, LoanRegister.DEPARTMENT, filter)
                .stream(connection, "", row -> {
                    long active = row.getLong(1);
                    long late = row.getLong(2);
                    return List.of(OVERDUE, "已生效 " + active + "，逾期 " + late,
                            active == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100.0 * late / active));
                }, sink);
    }

    private static void grouped(Connection connection, ReportFilter filter, RowSink sink, String section, String group, String tail,
                                java.util.function.UnaryOperator<String> words) throws SQLException, IOException {
        new RegisterQuery("select " + group + ", count(*) " + LoanRegister.FROM)
                .within("l.requested_at", filter)
                .readable(LoanRegister.LEVEL, LoanRegister.DEPARTMENT, filter)
                .stream(connection, tail, row -> List.of(section, words.apply(RegisterQuery.text(row.getString(1))),
                        Long.toString(row.getLong(2))), sink);
    }
}

package cn.insurer.archive.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * 档案统计: holdings by category, year, retention period and security level, growth per month,
 * loans by department, kind and purpose with the overdue rate, dispositions per year. Each row is
 * one figure (统计项, 分组, 数量); the desk's 统计 page draws the same rows as charts. The filter's
 * window applies to when each thing happened (sealed, requested, executed).
 */
@ApplicationScoped
public class StatisticsRegister implements Register {

    public static final String NAME = "statistics";

    @Inject
    Instance<StatisticsSection> sections;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "档案统计";
    }

    @Override
    public List<ReportColumn> columns() {
        return List.of(new ReportColumn("统计项", 24), new ReportColumn("分组", 40), new ReportColumn("数量", 20));
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        for (StatisticsSection section : sections.stream().sorted(Comparator.comparingInt(StatisticsSection::order)).toList()) {
            section.rows(connection, filter, sink);
        }
    }
}

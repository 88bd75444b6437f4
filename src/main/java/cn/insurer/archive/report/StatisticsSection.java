package cn.insurer.archive.report;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A part of the 档案统计 a feature contributes: holdings, loans, dispositions. Each writes rows of
 * three cells (统计项, 分组, 数量) for what the filter's reader may see, using the same
 * {@link RegisterQuery#readable} confinement as every register; {@link StatisticsRegister} puts
 * them together in {@link #order()}.
 */
public interface StatisticsSection {

    int order();

    void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException;
}

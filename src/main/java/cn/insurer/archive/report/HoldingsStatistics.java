package cn.insurer.archive.report;

import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.config.ShownTimes;
import cn.insurer.archive.dossier.DossierType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** 馆藏: the sealed dossiers the reader may see, by category, year, retention period and level; 归档 per month. */
@ApplicationScoped
public class HoldingsStatistics implements StatisticsSection {

    public static final String BY_CATEGORY = "馆藏·门类";
    public static final String BY_YEAR = "馆藏·年度";
    public static final String BY_PERIOD = "馆藏·保管期限";
    public static final String BY_LEVEL = "馆藏·密级";
    public static final String PER_MONTH = "归档·月度";

    @Inject
    ShownTimes times;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        counted(connection, filter, sink, BY_CATEGORY, "d.type", " group by 1 order by 1",
                DossierType::chineseNameOf);
        counted(connection, filter, sink, BY_YEAR, "cast(d.archival_year as text)", " group by 1 order by 1", year -> year);
        counted(connection, filter, sink, BY_PERIOD, "split_part(d.archival_code, '-', 3)", " group by 1 order by 1",
                CustodyRegister::period);
        counted(connection, filter, sink, BY_LEVEL, "d.security_level", " group by 1 order by 1",
                code -> SecurityLevel.valueOf(code).chineseName());
        new RegisterQuery("select to_char(d.sealed_at at time zone ?, 'YYYY-MM'), count(*) from dossier d where d.status = 'SEALED'",
                times.zone().getId())
                .within("d.sealed_at", filter)
                .readable("d.security_level", "d.department", filter)
                .stream(connection, " group by 1 order by 1", row -> List.of(PER_MONTH, row.getString(1), Long.toString(row.getLong(2))), sink);
    }

    private static void counted(Connection connection, ReportFilter filter, RowSink sink, String section, String group, String tail,
                                Words words) throws SQLException, IOException {
        new RegisterQuery("select " + group + ", count(*) from dossier d where d.status = 'SEALED'")
                .within("d.sealed_at", filter)
                .readable("d.security_level", "d.department", filter)
                .stream(connection, tail, row -> List.of(section, row.getString(1) == null ? "" : words.of(row.getString(1)),
                        Long.toString(row.getLong(2))), sink);
    }

    /** A group's code as the register prints it. */
    @FunctionalInterface
    interface Words {
        String of(String code);
    }
}

package cn.insurer.archive.retention;

import cn.insurer.archive.config.ShownTimes;
import cn.insurer.archive.report.RegisterQuery;
import cn.insurer.archive.report.ReportFilter;
import cn.insurer.archive.report.RowSink;
import cn.insurer.archive.report.StatisticsSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** 处置: dossiers destroyed and transferred per year of execution, confined as the destruction and transfer registers are. */
@ApplicationScoped
public class DispositionStatistics implements StatisticsSection {

    public static final String PER_YEAR = "处置·年度";
    private static final Map<String, String> OUTCOMES = Map.of("DESTROYED", "销毁", "TRANSFERRED", "移交");

    @Inject
    ShownTimes times;

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        new RegisterQuery("select to_char(b.executed_at at time zone ?, 'YYYY'), e.outcome, count(*) "
                + "from disposition_dossier e join disposition b on b.id = e.disposition_id "
                + "where e.outcome in ('DESTROYED', 'TRANSFERRED')", times.zone().getId())
                .within("b.executed_at", filter)
                .readable(DispositionRegister.levelOf("e.dossier_id", "e.security_level"), "e.department", filter)
                .stream(connection, " group by 1, 2 order by 1, 2", row -> List.of(PER_YEAR,
                        row.getString(1) + " " + OUTCOMES.getOrDefault(row.getString(2), row.getString(2)), Long.toString(row.getLong(3))), sink);
    }
}

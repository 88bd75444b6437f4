package cn.insurer.archive.retention;

import cn.insurer.archive.report.Register;
import cn.insurer.archive.report.RegisterQuery;
import cn.insurer.archive.report.ReportColumn;
import cn.insurer.archive.report.ReportFilter;
import cn.insurer.archive.report.RowSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** 到期档案清单: dossiers whose disposition date has come (or comes before {@code to}), holds marked. */
@ApplicationScoped
public class RetentionDueRegister implements Register {


    @Inject
    Clock clock;

    @Override
    public String name() {
        return "retention-due";
    }

    @Override
    public String title() {
        return "到期档案清单";
    }

    @Override
    public List<ReportColumn> columns() {
        return List.of(new ReportColumn("档号", 18), new ReportColumn("案卷类型", 7), new ReportColumn("业务编号", 14),
                new ReportColumn("题名", 28), new ReportColumn("部门", 8), new ReportColumn("保管规则", 12),
                new ReportColumn("政策版本", 12), new ReportColumn("起算事件", 12), new ReportColumn("起算日期", 9),
                new ReportColumn("到期日期", 9), new ReportColumn("冻结案号", 14));
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        LocalDate before = filter.to() != null ? filter.to().atZone(ZoneOffset.UTC).toLocalDate() : LocalDate.now(clock).plusDays(1);
        new RegisterQuery("select d.archival_code, d.type, d.business_key, d.title, "
                + "d.department, r.rule_id, r.policy_version, r.trigger_event, r.trigger_date, r.disposition_date, "
                + "(select string_agg(h.case_reference, ' ' order by h.placed_at) from legal_hold_dossier hd "
                + "join legal_hold h on h.id = hd.hold_id where hd.dossier_id = d.id and h.status = 'ACTIVE') "
                + "from dossier_retention r join dossier d on d.id = r.dossier_id "
                + "where r.state = 'SCHEDULED' and r.disposition_date < ?", Date.valueOf(before))
                .readable("d.security_level", "d.department", filter)
                .stream(connection, " order by r.disposition_date, r.dossier_id", row -> List.of(text(row.getString(1)),
                        cn.insurer.archive.dossier.DossierType.chineseNameOf(row.getString(2)), row.getString(3), row.getString(4), row.getString(5),
                        row.getString(6), row.getString(7), TriggerNames.trigger(row.getString(8)), text(row.getString(9)),
                        text(row.getString(10)), text(row.getString(11))), sink);
    }

    static String text(String value) {
        return value == null ? "" : value;
    }
}

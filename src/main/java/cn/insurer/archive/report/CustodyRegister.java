package cn.insurer.archive.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * 档案保管清册: every sealed dossier in archival-code order, with what it holds and where its
 * paper is. The filter's window applies to the sealing time and its actor to who sealed.
 */
@ApplicationScoped
public class CustodyRegister implements Register {


    @Override
    public String name() {
        return "custody-register";
    }

    @Override
    public String title() {
        return "档案保管清册";
    }

    @Override
    public List<ReportColumn> columns() {
        return List.of(new ReportColumn("档号", 22), new ReportColumn("案卷题名", 40), new ReportColumn("年度", 5),
                new ReportColumn("保管期限", 6), new ReportColumn("件数", 5), new ReportColumn("页数", 5),
                new ReportColumn("存放位置", 20));
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        // The retention code is the third part of the archival code as sealed, which stays true even
        // if the file plan later changes the class's retention.
        new RegisterQuery("select d.archival_code, d.title, d.archival_year, "
                + "split_part(d.archival_code, '-', 3), count(i.id), coalesce(sum(i.pages), 0), "
                + "d.paper_room, d.paper_shelf, d.paper_box "
                + "from dossier d left join item i on i.dossier_id = d.id where d.status = 'SEALED'")
                .within("d.sealed_at", filter)
                .by("d.sealed_by", filter)
                .readable("d.security_level", "d.department", filter)
                .stream(connection, " group by d.id order by d.archival_code", row -> {
                    String room = row.getString(7);
                    return List.of(row.getString(1), row.getString(2), Integer.toString(row.getInt(3)), period(row.getString(4)),
                            Long.toString(row.getLong(5)), Long.toString(row.getLong(6)),
                            room == null ? "" : room + " / " + row.getString(8) + " / " + row.getString(9));
                }, sink);
    }

    /** The register states the period in words: D30 is 30年, Y is 永久. */
    static String period(String code) {
        if ("Y".equals(code)) {
            return "永久";
        }
        return code != null && code.matches("D\\d+") ? Integer.parseInt(code.substring(1)) + "年" : (code == null ? "" : code);
    }
}

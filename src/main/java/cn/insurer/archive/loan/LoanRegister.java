package cn.insurer.archive.loan;

import cn.insurer.archive.access.SecurityLevel;
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
import java.util.Map;

/** 借阅登记簿: every loan with its dossier, purpose, approvers and dates (会计档案管理办法 art. 13). */
@ApplicationScoped
public class LoanRegister implements Register {

    /** Loans with their dossier, while it exists: the rows both the register and the statistics read. */
    static final String FROM = "from loan l left join dossier d on d.id = l.dossier_id where true";
    /**
     * The dossier's level and department, not the loan's: as recorded on the loan once the dossier
     * is destroyed. Every loan figure is confined to the reader by these.
     */
    static final String LEVEL = "coalesce(d.security_level, l.dossier_security_level)";
    static final String DEPARTMENT = "coalesce(d.department, l.dossier_department)";

    static final Map<String, String> KINDS = Map.of("VIEW", "在线查阅", "COPY", "复制", "ORIGINAL", "调阅原件");
    private static final Map<String, String> STATUSES = Map.of("REQUESTED", "待审批", "ACTIVE", "借出中", "REJECTED", "已驳回",
            "RETURNED", "已归还", "EXPIRED", "已到期", "CANCELLED", "已撤回", "RENEWED", "已续借");

    @Override
    public String name() {
        return "loan-register";
    }

    @Override
    public String title() {
        return "借阅登记簿";
    }

    @Override
    public List<ReportColumn> columns() {
        // Loan numbers, usernames and archival codes get the room to print whole on one line; free
        // text (title, purpose, decisions) gives it up and wraps or is cut.
        return List.of(new ReportColumn("借阅单号", 14), new ReportColumn("借阅人", 11), new ReportColumn("案卷题名", 18),
                new ReportColumn("档号", 22), new ReportColumn("方式", 8), new ReportColumn("用途", 14), new ReportColumn("密级", 6),
                new ReportColumn("状态", 6), new ReportColumn("申请时间", 14), new ReportColumn("应还时间", 14),
                new ReportColumn("结束时间", 14), new ReportColumn("审批", 19));
    }

    /** A level as printed on registers (密级), never its code. */
    static String level(String code) {
        return code == null ? "" : SecurityLevel.valueOf(code).chineseName();
    }

    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        new RegisterQuery("select l.number, " + RegisterQuery.person("l.borrower") + ", coalesce(d.title, l.dossier_title), coalesce(d.archival_code, l.dossier_archival_code), l.kind, l.purpose, "
                + "l.security_level, l.status, l.requested_at, l.due_at, l.ended_at, "
                + "(select string_agg(" + RegisterQuery.person("x.approver") + " || (case when x.approved then ' 同意：' else ' 驳回：' end) || x.comment, '；' order by x.step) "
                + "from loan_decision x where x.loan_id = l.id) "
                + FROM)
                .within("l.requested_at", filter)
                .by("l.borrower", filter)
                .readable(LEVEL, DEPARTMENT, filter)
                .stream(connection, " order by l.requested_at, l.number", row -> List.of(row.getString(1), row.getString(2),
                        row.getString(3), RegisterQuery.text(row.getString(4)), KINDS.getOrDefault(row.getString(5), row.getString(5)),
                        row.getString(6), level(row.getString(7)), STATUSES.getOrDefault(row.getString(8), row.getString(8)),
                        RegisterQuery.time(row, 9), RegisterQuery.time(row, 10), RegisterQuery.time(row, 11),
                        RegisterQuery.text(row.getString(12))), sink);
    }
}

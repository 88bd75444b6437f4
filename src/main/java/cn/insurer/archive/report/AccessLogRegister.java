package cn.insurer.archive.report;

import cn.insurer.archive.access.Role;
import cn.insurer.archive.dossier.TrailDisclosure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** 访问日志: who read which content or text, who searched for what, and every refusal. */
@ApplicationScoped
public class AccessLogRegister implements Register {

    @Inject
    TrailDisclosure disclosure;

    private static final Map<String, String> ACTIONS = Map.of(
            "CONTENT_READ", "下载原件",
            "TEXT_READ", "阅读全文",
            "SEARCH", "检索",
            "SIMILAR_SEARCH", "相似案例检索",
            "ACCESS_DENIED", "拒绝访问",
            "LOGIN", "登录",
            "LOGIN_FAILED", "登录失败");
    private static final Map<String, String> OUTCOMES = Map.of("SUCCESS", "成功", "DENIED", "拒绝", "FAILED", "失败");

    /** Who read what is for auditors alone, not for the archive staff whose reads it records. */
    @Override
    public List<Role> readers() {
        return List.of(Role.AUDITOR);
    }

    @Override
    public String name() {
        return "access-log";
    }

    @Override
    public String title() {
        return "访问日志";
    }

    @Override
    public List<ReportColumn> columns() {
        return List.of(new ReportColumn("序号", 6), new ReportColumn("时间", 16), new ReportColumn("用户", 10),
                new ReportColumn("操作", 8), new ReportColumn("对象", 24), new ReportColumn("结果", 5),
                new ReportColumn("客户端地址", 10), new ReportColumn("详情", 40));
    }

    /**
     * Not confined to the reader's scope, by design: the audit trail is read by auditors as a whole,
     * and a trail with the reads of the most secret dossiers cut out could not be audited. Only
     * auditors read it ({@link #readers()}); its rows name records by id, and what an event's
     * details say of a record the reader may not read is withheld ({@link TrailDisclosure}).
     */
    @Override
    public void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException {
        if (filter.reader() == null) {
            throw new IllegalStateException("the access log is shown to a reader, and none was given");
        }
        TrailDisclosure.Viewer viewer = disclosure.viewer(filter.reader());
        new RegisterQuery("select seq, at, actor, action, target, outcome, client_address, details "
                + "from audit_event where action = any (?)", connection.createArrayOf("varchar", ACTIONS.keySet().toArray()))
                .within("at", filter)
                .by("actor", filter)
                .stream(connection, " order by seq", row -> List.of(Long.toString(row.getLong(1)), RegisterQuery.time(row, 2),
                        row.getString(3), ACTIONS.getOrDefault(row.getString(4), row.getString(4)),
                        RegisterQuery.text(row.getString(5)), OUTCOMES.getOrDefault(row.getString(6), row.getString(6)),
                        RegisterQuery.text(row.getString(7)), viewer.details(row.getString(5), row.getString(8))), sink);
    }
}

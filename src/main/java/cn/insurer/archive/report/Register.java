package cn.insurer.archive.report;

import cn.insurer.archive.access.Role;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A register (登记簿) that can be downloaded: its columns and a streaming source of its rows. */
public interface Register {

    /** The name in {@code /api/reports/{name}}. */
    String name();

    String title();

    List<ReportColumn> columns();

    /**
     * Who may download it: the registers of the archive's holdings, loans and dispositions are for
     * the archive manager who keeps them and the auditors who check them; the access log overrides
     * this, as who read what is for auditors alone.
     */
    default List<Role> readers() {
        return List.of(Role.AUDITOR, Role.ARCHIVE_MANAGER);
    }

    /** Streams the rows for the filter into the sink, in a stable order. */
    void rows(Connection connection, ReportFilter filter, RowSink sink) throws SQLException, IOException;
}

package cn.insurer.archive.report;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A register's SQL with the filter every register accepts (time window, actor, the reader's scope)
 * applied to the register's own columns, read through a database cursor straight into the sink.
 */
public final class RegisterQuery {

    private static final int FETCH = 1000;

    private final StringBuilder sql;
    private final List<Object> parameters = new ArrayList<>();

    /** {@code select} must end in a where clause that further conditions can be and-ed to. */
    public RegisterQuery(String select, Object... parameters) {
        this.sql = new StringBuilder(select);
        this.parameters.addAll(List.of(parameters));
    }

    /** Restricts {@code column} (a timestamp) to the filter's window: from inclusive, to exclusive. */
    public RegisterQuery within(String column, ReportFilter filter) {
        if (filter.from() != null) {
            sql.append(" and ").append(column).append(" >= ?");
            parameters.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            sql.append(" and ").append(column).append(" < ?");
            parameters.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        return this;
    }

    /** Restricts {@code column} to the filter's actor, when it names one. */
    public RegisterQuery by(String column, ReportFilter filter) {
        if (filter.actor() != null) {
            sql.append(" and ").append(column).append(" = ?");
            parameters.add(filter.actor());
        }
        return this;
    }

    /**
     * Restricts rows to dossiers the reader's scope ({@link cn.insurer.archive.access.AccessPolicy#scopeOf})
     * covers, as the dossier list does: {@code level} and {@code department} are SQL expressions for
     * the dossier's security level and owning department. A row whose level or department is
     * unknown (null) is left out.
     */
    public RegisterQuery readable(String level, String department, ReportFilter filter) {
        if (filter.scope().nothing()) {
            sql.append(" and false");
            return this;
        }
        sql.append(" and ").append(level).append(" in (")
                .append(String.join(", ", java.util.Collections.nCopies(filter.scope().levels().size(), "?"))).append(")");
        filter.scope().levels().forEach(allowed -> parameters.add(allowed.name()));
        if (!filter.scope().allDepartments()) {
            sql.append(" and ").append(department).append(" = ?");
            parameters.add(filter.scope().department());
        }
        return this;
    }

    /** Runs the query with {@code tail} (grouping, order) appended, turning each row into cells. */
    public void stream(Connection connection, String tail, Cells cells, RowSink sink) throws SQLException, IOException {
        try (PreparedStatement select = connection.prepareStatement(sql + tail)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            select.setFetchSize(FETCH);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    sink.row(cells.of(row));
                }
            }
        }
    }

    /** A timestamp column as an ISO instant, or empty. */
    public static String time(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? "" : value.toInstant().toString();
    }

    /**
     * The SQL for the person a username column names as registers print them: the user's name, or
     * the username when no account of that name exists (any more).
     */
    public static String person(String usernameColumn) {
        return "coalesce((select u.display_name from app_user u where u.username = " + usernameColumn + "), "
                + usernameColumn + ")";
    }

    public static String text(String value) {
        return value == null ? "" : value;
    }

    /** One register row from one result row. */
    @FunctionalInterface
    public interface Cells {
        List<String> of(ResultSet row) throws SQLException;
    }

}

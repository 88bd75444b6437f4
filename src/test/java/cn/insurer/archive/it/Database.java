package cn.insurer.archive.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Direct reads of the test database, for facts the API does not (yet) expose. */
public final class Database {

    private Database() {
    }

    public static List<Map<String, Object>> query(String sql, Object... parameters) {
        return queryOn(System.getProperty("it.db.url"), sql, parameters);
    }

    /**
     * Holds an exclusive lock on {@code table} until closed: whatever reads it on the server waits,
     * so a test can look at the system while one background step (say, indexing) stands still.
     */
    public static AutoCloseable lock(String table) {
        try {
            Connection connection = DriverManager.getConnection(System.getProperty("it.db.url"),
                    System.getProperty("archive.it.pg.user", "postgres"), "");
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement("lock table " + table + " in access exclusive mode")) {
                statement.execute();
            }
            return () -> {
                connection.rollback();
                connection.close();
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same, on another database of the test PostgreSQL (a server of the test's own). */
    public static List<Map<String, Object>> queryOn(String url, String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url,
                System.getProperty("archive.it.pg.user", "postgres"), "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                        row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

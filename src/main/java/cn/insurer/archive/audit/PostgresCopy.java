package cn.insurer.archive.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs {@code COPY ... TO STDOUT} through the PostgreSQL driver's copy API. That API is not JDBC,
 * and inside the server the driver is another module's class reached through the pool's wrapper,
 * so it is found by name.
 */
final class PostgresCopy {

    private PostgresCopy() {
    }

    static void copyOut(Connection connection, String sql, OutputStream to) throws SQLException, IOException {
        try {
            Object driverConnection = connection;
            try {
                driverConnection = connection.getClass().getMethod("getUnderlyingConnection").invoke(connection);
            } catch (NoSuchMethodException plain) {
                // the driver's own connection, outside the application server
            }
            Object copyApi = driverConnection.getClass().getMethod("getCopyAPI").invoke(driverConnection);
            copyApi.getClass().getMethod("copyOut", String.class, OutputStream.class).invoke(copyApi, sql, to);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException("could not copy out of PostgreSQL", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SQLException("the audit trail is read through PostgreSQL's copy API, which this connection lacks", e);
        }
    }
}

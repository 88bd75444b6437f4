package cn.insurer.archive.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own tools, pg_dump and pg_restore in the custom format: one consistent snapshot of
 * every table (a single transaction), whatever the server is doing meanwhile.
 */
final class PostgresDump {

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]+)(?:\\?.*)?");

    private final String host;
    private final String port;
    private final String database;
    private final String user;
    private final String password;

    PostgresDump(BackupSettings settings) {
        Matcher url = JDBC.matcher(settings.dbUrl());
        if (!url.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + settings.dbUrl());
        }
        host = url.group(1);
        port = url.group(2) == null ? "5432" : url.group(2);
        database = url.group(3);
        user = settings.ownerUser();
        password = settings.ownerPassword();
    }

    void dump(Path file) throws IOException, InterruptedException {
        run(List.of("pg_dump", "--format=custom", "--no-password", "--file=" + file, "--dbname=" + database));
    }

    /** Into an empty database; the tables belong to the restoring owner, the grants come with the dump. */
    void restore(Path file) throws IOException, InterruptedException {
        run(List.of("pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "--no-password",
                "--dbname=" + database, file.toString()));
    }

    private void run(List<String> tool) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(tool);
        command.addAll(1, List.of("--host=" + host, "--port=" + port, "--username=" + user));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(tool.get(0) + " is not installed (Debian: apt-get install postgresql-client)", e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(tool.get(0) + " failed: " + output.strip());
        }
    }
}

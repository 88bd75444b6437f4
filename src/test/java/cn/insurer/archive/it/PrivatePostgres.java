package cn.insurer.archive.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 cluster of a test's own (trust sign-in, its own port and socket folder),
 * for faults that would disturb every other test if done to the shared cluster on 5432: a restart,
 * a stop. PostgreSQL refuses to run as root, so as root its programs run as the {@code postgres}
 * user, in a folder that user owns.
 */
final class PrivatePostgres implements AutoCloseable {

    private static final Path BIN = Path.of(System.getProperty("archive.it.pg.bin", "/usr/lib/postgresql/15/bin"));
    private static final Duration COMMAND_PATIENCE = Duration.ofMinutes(2);

    private final Path folder;
    private final Path data;
    private final int port;

    private PrivatePostgres(Path folder, int port) {
        this.folder = folder;
        this.data = folder.resolve("data");
        this.port = port;
    }

    /** A new cluster, initialised and started; {@link #close} stops it and removes its files. */
    static PrivatePostgres start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("no PostgreSQL 15 programs in " + BIN + " (set archive.it.pg.bin)");
        }
        // Under /tmp rather than target/: the postgres user must be able to reach the folder.
        Path folder = Files.createTempDirectory("archive-pg-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (asRoot()) {
            UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(folder, postgres);
        }
        PrivatePostgres cluster = new PrivatePostgres(folder, TestEnvironment.freePort());
        try {
            cluster.run(BIN.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--no-locale", "--no-sync");
            cluster.start("start");
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    int port() {
        return port;
    }

    /** The JDBC URL of one of its databases. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** {@code pg_ctl restart -m fast}: sessions are cut, the server is back within a second or two. */
    void restart() throws IOException, InterruptedException {
        start("restart");
    }

    /** Stops it, cutting every session (fast shutdown), until {@link #resume}. */
    void stop() throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "fast", "-w");
    }

    void resume() throws IOException, InterruptedException {
        start("start");
    }

    /** The server's log, for a failure message. */
    Path log() {
        return folder.resolve("postgres.log");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(BIN.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "immediate", "-w");
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private void start(String action) throws IOException, InterruptedException {
        // Fsync off: a test cluster that dies loses nothing anyone needs, and the machine is shared.
        run(BIN.resolve("pg_ctl").toString(), action, "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "-l", log().toString(),
                "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60");
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (asRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        Path output = Files.createTempFile("archive-pg-command", ".out");
        try {
            Process process = new ProcessBuilder(line).directory(Path.of("/").toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + COMMAND_PATIENCE);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                        + Files.readString(output) + (Files.exists(log()) ? "\nserver log:\n" + Files.readString(log()) : ""));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}

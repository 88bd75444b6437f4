package cn.insurer.archive.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prepares what the integration tests run against, once per test JVM: a fresh PostgreSQL database,
 * a real S3 server (s3proxy over a folder) on a free port, free ports for WildFly and for the test's
 * OpenID provider, which the server is configured to sign in through. The values
 * land in system properties that {@code arquillian.xml} and the tests read.
 */
public class TestEnvironment implements LauncherSessionListener {

    static final String PG_URL = System.getProperty("archive.it.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String PG_ADMIN = System.getProperty("archive.it.pg.user", "postgres");
    private static final String APP_ROLE = "archive_it";
    private static final String OWNER_ROLE = "archive_it_owner";
    private static final String OIDC_CLIENT_ID = "archive-desk";

    private Process s3proxy;
    private com.icegreen.greenmail.util.GreenMail mail;
    private String database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("jboss.home") == null || System.getProperty("it.http.port") != null) {
            return;
        }
        try {
            Path workDir = Path.of(System.getProperty("archive.it.dir", "target/it")).toAbsolutePath();
            Files.createDirectories(workDir);
            String dbPassword = random(12);
            String ownerPassword = random(12);
            database = createDatabase(dbPassword, ownerPassword);
            String accessKey = "it" + random(8);
            String secretKey = random(24);
            int s3Port = freePort();
            s3proxy = startS3Proxy(workDir, s3Port, accessKey, secretKey);
            int smtpPort = freePort();
            int pop3Port = freePort();
            mail = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup[] {
                new com.icegreen.greenmail.util.ServerSetup(smtpPort, "127.0.0.1", "smtp"),
                new com.icegreen.greenmail.util.ServerSetup(pop3Port, "127.0.0.1", "pop3")});
            mail.start();
            System.setProperty("it.pop3.port", Integer.toString(pop3Port));
            // The OpenID provider of OidcSignInIT runs inside the test JVM, on a port the server learns now.
            int oidcPort = freePort();
            String oidcIssuer = "http://127.0.0.1:" + oidcPort + "/realms/archive";
            String oidcSecret = random(16);
            int offset = freeOffset();
            String adminPassword = random(16);
            String dbUrl = PG_URL.substring(0, PG_URL.lastIndexOf('/') + 1) + database;
            Path dataDir = workDir.resolve("data-" + database);
            // Every test class redeploys the WAR into this one server, and WildFly keeps part of each
            // undeployed application reachable; 23 classes outgrew 2 GiB and 45 left 4 GiB collecting
            // garbage until the last deployment timed out, so the heap leaves room.
            String jvm = String.join(" ", List.of(
                    "-Xms128m", "-Xmx8g", "-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true",
                    "-Djdk.serialFilter=maxbytes=104857600;maxdepth=128;maxarray=10000000;maxrefs=3000000",
                    "-Djboss.socket.binding.port-offset=" + offset,
                    "-Darchive.db.url=" + dbUrl, "-Darchive.db.user=" + APP_ROLE, "-Darchive.db.password=" + dbPassword,
                    "-Darchive.db.migration.user=" + OWNER_ROLE, "-Darchive.db.migration.password=" + ownerPassword,
                    "-Darchive.s3.endpoint=http://127.0.0.1:" + s3Port, "-Darchive.s3.access.key=" + accessKey,
                    "-Darchive.s3.secret.key=" + secretKey, "-Darchive.s3.bucket=archive-it",
                    "-Darchive.data.dir=" + dataDir, "-Darchive.admin.password=" + adminPassword,
                    "-Darchive.upload.max.bytes=" + System.getProperty("archive.it.upload.max", "1258291200"),
                    "-Darchive.extraction.timeout.seconds=60",
                    "-Darchive.ocr.enabled=" + System.getProperty("bench.ocr", "true"),
                    // Checkpoints are written by verification only, so tampering tests control them.
                    "-Darchive.audit.checkpoint.seconds=86400",
                    // Custody checks report orphans at once, so a test can plant one and sweep.
                    "-Darchive.custody.orphan.grace.minutes=0",
                    "-Darchive.oidc.issuer=" + oidcIssuer, "-Darchive.oidc.client.id=" + OIDC_CLIENT_ID,
                    "-Darchive.oidc.client.secret=" + oidcSecret,
                    "-Darchive.smtp.host=127.0.0.1", "-Darchive.smtp.port=" + smtpPort, "-Darchive.smtp.from=archive@example.cn",
                    // Retention tests move the application clock instead of waiting years.
                    "-Darchive.clock.adjustable=true",
                    // Import tests reach the total-size limit with a few tens of megabytes, and read folders here.
                    "-Darchive.import.max.bytes=" + System.getProperty("archive.it.import.max", "67108864"), "-Darchive.import.roots=" + workDir.resolve("import-roots")));
            Files.createDirectories(workDir.resolve("import-roots"));
            System.setProperty("it.import.roots", workDir.resolve("import-roots").toString());
            // -Dbench.jfr=FILE records the server with Java Flight Recorder, to find where a benchmark's time goes.
            String recording = System.getProperty("bench.jfr", "");
            if (!recording.isBlank()) {
                jvm += " -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + Path.of(recording).toAbsolutePath();
            }
            // -Dbench.server.jvm="OPTIONS" adds JVM options to the server, to measure their effect on a benchmark.
            String extra = System.getProperty("bench.server.jvm", "");
            if (!extra.isBlank()) {
                jvm += " " + extra.trim();
            }
            System.setProperty("it.jvm.args", jvm);
            System.setProperty("it.port.offset", Integer.toString(offset));
            System.setProperty("it.http.port", Integer.toString(8080 + offset));
            System.setProperty("it.management.port", Integer.toString(9990 + offset));
            System.setProperty("it.admin.password", adminPassword);
            System.setProperty("it.db.url", dbUrl);
            System.setProperty("it.db.app.user", APP_ROLE);
            System.setProperty("it.db.app.password", dbPassword);
            System.setProperty("it.db.owner.password", ownerPassword);
            System.setProperty("it.s3.endpoint", "http://127.0.0.1:" + s3Port);
            System.setProperty("it.s3.access.key", accessKey);
            System.setProperty("it.s3.secret.key", secretKey);
            System.setProperty("it.data.dir", dataDir.toString());
            System.setProperty("it.oidc.port", Integer.toString(oidcPort));
            System.setProperty("it.oidc.issuer", oidcIssuer);
            System.setProperty("it.oidc.client.id", OIDC_CLIENT_ID);
            System.setProperty("it.oidc.client.secret", oidcSecret);
        } catch (IOException | SQLException | InterruptedException e) {
            throw new IllegalStateException("cannot prepare the integration test environment: " + e.getMessage(), e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (s3proxy != null) {
            s3proxy.destroy();
        }
        if (mail != null) {
            mail.stop();
        }
        if (database != null && !Boolean.getBoolean("archive.it.keep")) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_ADMIN, "");
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            } catch (SQLException e) {
                System.err.println("Could not drop test database " + database + ": " + e.getMessage());
            }
        }
    }

    /** The schema belongs to an owner role that runs migrations; the server runs as a plain user. */
    static String createDatabase(String password, String ownerPassword) throws SQLException {
        return createDatabase(PG_URL, password, ownerPassword);
    }

    /** The same on another cluster (one of a test's own), reached as its superuser through {@code adminUrl}. */
    static String createDatabase(String adminUrl, String password, String ownerPassword) throws SQLException {
        String name = "archive_it_" + Long.toString(Instant.now().toEpochMilli(), 36) + random(2);
        try (Connection c = DriverManager.getConnection(adminUrl, PG_ADMIN, "");
             Statement s = c.createStatement()) {
            for (String role : new String[] {APP_ROLE, OWNER_ROLE}) {
                s.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "') then "
                        + "create role " + role + " login nosuperuser nocreatedb nocreaterole; end if; end $$");
            }
            s.execute("alter role " + APP_ROLE + " password '" + password + "'");
            s.execute("alter role " + OWNER_ROLE + " password '" + ownerPassword + "'");
            s.execute("create database " + name + " owner " + OWNER_ROLE + " encoding 'UTF8' template template0");
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL is not reachable at " + adminUrl + " as " + PG_ADMIN
                    + " (start it with ./archive test, which starts a local cluster when it is down): " + e.getMessage(), e);
        }
        return name;
    }

    static Process startS3Proxy(Path workDir, int port, String accessKey, String secretKey)
            throws IOException, InterruptedException {
        return startS3Proxy(workDir, port, accessKey, secretKey, true);
    }

    /**
     * An s3proxy over {@code workDir/s3}; {@code fresh} empties that folder first, otherwise the
     * store comes back with what it held (a restart after an outage).
     */
    static Process startS3Proxy(Path workDir, int port, String accessKey, String secretKey, boolean fresh)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("archive.s3proxy.jar", "target/tools/s3proxy.jar"));
        Path base = workDir.resolve("s3");
        // A fresh store for the fresh database: audit checkpoints left by an earlier run would
        // contradict the new chain.
        if (fresh && Files.exists(base)) {
            try (var paths = Files.walk(base)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(base);
        Path properties = workDir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + base,
                ""));
        Process process = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-jar", jar.toString(),
                "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("s3proxy.log").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited with " + process.exitValue() + "; see " + workDir.resolve("s3proxy.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return process;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IOException("s3proxy did not open port " + port + " within 60 s");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A WildFly port offset under which the HTTP, HTTPS and management ports are all free. */
    static int freeOffset() {
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 10_000 + random.nextInt(40_000);
            if (free(8080 + offset) && free(8443 + offset) && free(9990 + offset) && free(9993 + offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset for WildFly");
    }

    private static boolean free(int port) {
        if (port > 65_535) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value).toLowerCase(Locale.ROOT);
    }

}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A WildFly of a test's own, beside the one Arquillian manages: the provisioned server's
 * configuration copied, the built WAR in its deployments, its own ports and data folder, pointed at
 * whatever database and bucket the test names. A test may kill it and start it again.
 */
final class StandaloneServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Where the server keeps its data and finds its store. */
    record Storage(String dbUrl, String dbPassword, String ownerPassword, String s3Endpoint, String accessKey,
            String secretKey, String bucket) {
    }

    private final Path log;
    private final List<String> command = new ArrayList<>();
    private final String adminPassword = TestEnvironment.random(16);
    private final int httpPort;
    private Process process;

    StandaloneServer(Path work, Storage storage) throws IOException {
        this(work, storage, List.of());
    }

    /** With further system properties, which come after (and so override) the ones above. */
    StandaloneServer(Path work, Storage storage, List<String> properties) throws IOException {
        Path home = Path.of(System.getProperty("jboss.home", "target/server")).toAbsolutePath();
        Path base = work.resolve("standalone");
        log = work.resolve("server.out");
        copy(home.resolve("standalone").resolve("configuration"), base.resolve("configuration"));
        // While Arquillian has the WAR deployed in the provisioned server, its configuration names that
        // deployment, whose content stays behind in that server's folder: this one scans its own.
        Path configuration = base.resolve("configuration").resolve("standalone.xml");
        Files.writeString(configuration, Files.readString(configuration).replaceAll("(?s)\\s*<deployments>.*?</deployments>", ""));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(Path.of(System.getProperty("archive.war", "target/archive.war")), base.resolve("deployments").resolve("archive.war"));
        int offset = TestEnvironment.freeOffset();
        httpPort = 8080 + offset;
        command.addAll(List.of(home.resolve("bin").resolve("standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset,
                "-Darchive.db.url=" + storage.dbUrl(), "-Darchive.db.user=archive_it", "-Darchive.db.password=" + storage.dbPassword(),
                "-Darchive.db.migration.user=archive_it_owner", "-Darchive.db.migration.password=" + storage.ownerPassword(),
                "-Darchive.s3.endpoint=" + storage.s3Endpoint(), "-Darchive.s3.access.key=" + storage.accessKey(),
                "-Darchive.s3.secret.key=" + storage.secretKey(), "-Darchive.s3.bucket=" + storage.bucket(),
                "-Darchive.data.dir=" + work.resolve("data"), "-Darchive.admin.password=" + adminPassword,
                "-Darchive.ocr.enabled=false", "-Darchive.audit.checkpoint.seconds=86400"));
        command.addAll(properties);
    }

    int httpPort() {
        return httpPort;
    }

    /** The server's console output, appended to across restarts. */
    Path log() {
        return log;
    }

    String adminPassword() {
        return adminPassword;
    }

    void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_OPTS", "-Xms128m -Xmx1g -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true");
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        // The Chinese analyzer's dictionaries deserialize beyond WildFly's default filter, as in TestEnvironment.
        builder.environment().put("JDK_SERIAL_FILTER", "maxbytes=104857600;maxdepth=128;maxarray=10000000;maxrefs=3000000");
        process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited; see " + log);
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("WildFly did not become ready within 8 minutes; see " + log);
    }

    /** The processes the server started (its JVM under the launch script, the extractor children …). */
    List<ProcessHandle> descendants() {
        return process == null ? List.of() : process.descendants().toList();
    }

    /** SIGKILL to the server JVM and everything it started, as a power cut would. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        for (ProcessHandle handle : all) {
            handle.onExit().join();
        }
        process.waitFor();
        process = null;
    }

    /** A user with a password the test chose, made by the server's admin. */
    void createUser(String username, String password, String clearance, String department, String... roles)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("username", username, "password", password,
                "displayName", username, "clearance", clearance, "department", department, "roles", List.of(roles)));
        HttpResponse<byte[]> reply = send("admin", adminPassword, HttpRequest.newBuilder(uri("/api/users"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, reply.statusCode(), () -> new String(reply.body(), StandardCharsets.UTF_8));
    }

    /** A user of the department 理赔部 with a unique name, and a client that signs in as them on this server. */
    Users.Account account(String prefix, String clearance, String role) throws IOException, InterruptedException {
        String username = Users.unique(prefix);
        String password = "pw-" + Users.unique("secret");
        createUser(username, password, clearance, "理赔部", role);
        return new Users.Account(username, password, ApiClient.as(username, password).on(httpPort));
    }

    JsonNode post(String user, String password, String path, String contentType, byte[] body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> reply = send(user, password, HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(expected, reply.statusCode(), () -> new String(reply.body(), StandardCharsets.UTF_8));
        return JSON.readTree(reply.body());
    }

    HttpResponse<byte[]> get(String user, String password, String path) throws IOException, InterruptedException {
        return send(user, password, HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode await(String user, String password, String path, Predicate<JsonNode> done, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<byte[]> reply = get(user, password, path);
            if (reply.statusCode() == 200) {
                last = JSON.readTree(reply.body());
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + patience + "; last answer: " + last);
    }

    private HttpResponse<byte[]> send(String user, String password, HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

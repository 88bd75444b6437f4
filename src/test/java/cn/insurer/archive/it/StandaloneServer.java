package cn.insurer.archive.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A WildFly of its own, outside Arquillian: the provisioned server's configuration copied into a
 * base directory of its own, the built WAR in its deployments, system properties for everything
 * else, on a free port offset. Tests kill it as a power cut would and start it again.
 */
final class StandaloneServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path log;
    private final List<String> command = new ArrayList<>();
    private final String heap;
    private final int httpPort;
    private Process process;

    StandaloneServer(Path work, List<String> properties, String heap) throws IOException {
        Path home = Path.of(System.getProperty("jboss.home", "target/server")).toAbsolutePath();
        Path base = work.resolve("standalone");
        log = work.resolve("server.out");
        this.heap = heap;
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
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset));
        command.addAll(properties);
    }

    int httpPort() {
        return httpPort;
    }

    Path log() {
        return log;
    }

    /** The server JVM's process id, as PostgreSQL and the audit trail see it. */
    long pid() {
        return process.descendants().filter(handle -> handle.info().command().orElse("").endsWith("java"))
                .findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_OPTS", "-Xms128m -Xmx" + heap + " -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true");
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        // The Chinese analyzer's dictionaries deserialize beyond WildFly's default filter, as in TestEnvironment.
        builder.environment().put("JDK_SERIAL_FILTER", "maxbytes=104857600;maxdepth=128;maxarray=10000000;maxrefs=3000000");
        process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
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
        throw new IllegalStateException("WildFly did not become ready within 4 minutes; see " + log);
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

    URI uri(String path) {
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

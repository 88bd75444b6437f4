package cn.insurer.archive.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The production files in {@code deploy/} cannot be run here (no images can be pulled), so their
 * references are checked against the server they start: every variable they set is one the server
 * reads and the README documents, secrets come from outside the repository, ports, health paths,
 * build outputs, scripts and service names all exist.
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name = \"(archive\\.[a-z0-9.]+)\"");
    private static final Pattern CLI_ENV = Pattern.compile("env\\.(ARCHIVE_[A-Z0-9_]+)");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|ACCESS_KEY).*");
    /** Read by WildFly's launcher and the JVM, not by the archive. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("JAVA_OPTS", "JDK_SERIAL_FILTER", "LAUNCH_JBOSS_IN_BACKGROUND");
    private static final Set<String> REQUIRED = Set.of("ARCHIVE_DB_URL", "ARCHIVE_DB_USER", "ARCHIVE_DB_PASSWORD",
            "ARCHIVE_DB_MIGRATION_USER", "ARCHIVE_DB_MIGRATION_PASSWORD", "ARCHIVE_S3_ENDPOINT", "ARCHIVE_S3_ACCESS_KEY",
            "ARCHIVE_S3_SECRET_KEY", "ARCHIVE_ADMIN_PASSWORD", "ARCHIVE_HTTP_PROXY_FORWARDING");

    @Test
    void everyYamlFileParses() throws IOException {
        List<Path> files = yamlFiles();
        assertTrue(files.size() >= 4, "compose, kustomization and the Kubernetes manifests: " + files);
        for (Path file : files) {
            assertFalse(documents(file).isEmpty(), file + " holds no document");
        }
    }

    @Test
    void composeNodesSetOnlySettingsTheServerReadsAndTheReadmeDocuments() throws IOException {
        for (var node : composeNodes().entrySet()) {
            assertKnownAndComplete("compose service " + node.getKey(), environment(node.getValue()).keySet());
        }
    }

    @Test
    void kubernetesNodesSetOnlySettingsTheServerReadsAndTheReadmeDocuments() throws IOException {
        Set<String> names = new TreeSet<>(configMap("archive-config").keySet());
        for (Map<String, Object> env : list(container("archive").get("env"))) {
            names.add((String) env.get("name"));
        }
        assertKnownAndComplete("StatefulSet archive", names);
    }

    @Test
    void secretsComeFromOutsideTheRepository() throws IOException {
        for (var node : composeNodes().entrySet()) {
            environment(node.getValue()).forEach((name, value) -> {
                if (SECRET_NAME.matcher(name).matches()) {
                    assertTrue(String.valueOf(value).matches("\\$\\{" + name + ":\\?[^}]*}"),
                            node.getKey() + " must take " + name + " from the environment, required: " + value);
                }
            });
        }
        for (String name : configMap("archive-config").keySet()) {
            assertFalse(SECRET_NAME.matcher(name).matches(), name + " belongs in a Secret, not in the ConfigMap");
        }
        for (Map<String, Object> env : list(container("archive").get("env"))) {
            if (SECRET_NAME.matcher((String) env.get("name")).matches()) {
                assertTrue(map(env.get("valueFrom")).containsKey("secretKeyRef"), env.get("name") + " must come from a Secret");
            }
        }
        String roles = Files.readString(DEPLOY.resolve("database/roles.sql"));
        assertFalse(Pattern.compile("PASSWORD\\s+'", Pattern.CASE_INSENSITIVE).matcher(roles).find(),
                "roles.sql must take passwords as psql variables");
    }

    @Test
    void theRolesTheNodesUseAreTheOnesTheRoleScriptCreates() throws IOException {
        String roles = Files.readString(DEPLOY.resolve("database/roles.sql"));
        Map<String, Object> compose = environment(composeNodes().values().iterator().next());
        Map<String, Object> kubernetes = configMap("archive-config");
        for (String variable : List.of("ARCHIVE_DB_USER", "ARCHIVE_DB_MIGRATION_USER")) {
            for (Object role : List.of(compose.get(variable), kubernetes.get(variable))) {
                assertTrue(roles.contains("CREATE ROLE " + role + " LOGIN"), "roles.sql creates " + role);
            }
        }
        assertTrue(roles.contains("OWNER " + compose.get("ARCHIVE_DB_MIGRATION_USER")), "the migration role owns the database");
    }

    @Test
    void everyPortIsTheServersHttpPort() throws IOException {
        Matcher defaultPort = Pattern.compile("ARCHIVE_HTTP_PORT:-(\\d+)").matcher(Files.readString(Path.of("archive")));
        assertTrue(defaultPort.find(), "the archive script names its HTTP port");
        String port = defaultPort.group(1);
        assertTrue(Files.readString(DEPLOY.resolve("container/Containerfile")).contains("EXPOSE " + port + "\n"));
        for (var node : composeNodes().values()) {
            assertEquals(List.of(port), list(node.get("expose")));
        }
        Map<String, Object> containerPort = list(container("archive").get("ports")).get(0);
        assertEquals(Integer.valueOf(port), containerPort.get("containerPort"));
        List<String> servers = haproxyServers();
        assertFalse(servers.isEmpty());
        for (String server : servers) {
            assertTrue(server.split("\\s+")[2].endsWith(":" + port), "haproxy: " + server);
        }
    }

    @Test
    void probesAndChecksUseThePathsTheHealthServletServes() throws IOException {
        Set<String> served = healthPaths();
        Set<String> used = new TreeSet<>();
        Map<String, Object> container = container("archive");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            used.add((String) map(map(container.get(probe)).get("httpGet")).get("path"));
        }
        Matcher check = Pattern.compile("httpchk GET (\\S+)").matcher(Files.readString(DEPLOY.resolve("proxy/haproxy.cfg")));
        assertTrue(check.find(), "haproxy checks the nodes");
        used.add(check.group(1));
        Matcher healthcheck = Pattern.compile("HEALTHCHECK .*http://127\\.0\\.0\\.1:\\d+(/\\S+)")
                .matcher(Files.readString(DEPLOY.resolve("container/Containerfile")));
        assertTrue(healthcheck.find());
        used.add(healthcheck.group(1));
        for (String path : used) {
            assertTrue(served.stream().anyMatch(pattern -> matches(pattern, path)), path + " is not served; served: " + served);
        }
    }

    @Test
    void theImageCopiesWhatTheBuildMakes() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String containerfile = Files.readString(DEPLOY.resolve("container/Containerfile"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertTrue(finalName.find());
        assertTrue(containerfile.contains("COPY --chown=archive target/" + finalName.group(1) + ".war "));
        assertTrue(pom.contains("<server.dir>${project.build.directory}/server</server.dir>"));
        assertTrue(containerfile.contains("COPY --chown=archive target/server "));
        Matcher entrypoint = Pattern.compile("ENTRYPOINT \\[\"/opt/archive/server/(bin/standalone\\.sh)\"").matcher(containerfile);
        assertTrue(entrypoint.find(), "the image starts WildFly's launcher");
    }

    @Test
    void everyServiceScriptAndVolumeTheFilesNameExists() throws IOException {
        Map<String, Object> compose = documents(DEPLOY.resolve("compose.yaml")).get(0);
        Map<String, Object> services = map(compose.get("services"));
        Set<String> volumes = map(compose.get("volumes")).keySet();
        for (var service : services.entrySet()) {
            Map<String, Object> definition = map(service.getValue());
            Object dependsOn = definition.get("depends_on");
            Iterable<?> dependencies = dependsOn instanceof Map<?, ?> m ? m.keySet() : dependsOn == null ? List.of() : (List<?>) dependsOn;
            for (Object dependency : dependencies) {
                assertTrue(services.containsKey(dependency), service.getKey() + " depends on unknown " + dependency);
            }
            for (Object volume : definition.get("volumes") == null ? List.of() : (List<?>) definition.get("volumes")) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertTrue(Files.exists(DEPLOY.resolve(source)), service.getKey() + " mounts missing " + source);
                } else {
                    assertTrue(volumes.contains(source), service.getKey() + " uses undeclared volume " + source);
                }
            }
            Object entrypoint = definition.get("entrypoint");
            if (entrypoint instanceof List<?> command && command.get(0).toString().startsWith("/deploy/")) {
                Path script = DEPLOY.resolve(command.get(0).toString().substring("/deploy/".length()));
                assertTrue(Files.isExecutable(script), script + " is missing or not executable");
            }
        }
        for (String server : haproxyServers()) {
            String host = server.split("\\s+")[2].split(":")[0];
            assertTrue(services.containsKey(host), "haproxy names unknown service " + host);
        }
        Map<String, Object> kustomization = documents(DEPLOY.resolve("kustomization.yaml")).get(0);
        for (Object resource : (List<?>) kustomization.get("resources")) {
            assertTrue(Files.exists(DEPLOY.resolve(resource.toString())), "kustomization lists missing " + resource);
        }
        for (Map<String, Object> generator : list(kustomization.get("configMapGenerator"))) {
            for (Object file : (List<?>) generator.get("files")) {
                assertTrue(Files.exists(DEPLOY.resolve(file.toString())), "kustomization packs missing " + file);
            }
        }
    }

    private static void assertKnownAndComplete(String where, Set<String> names) throws IOException {
        Set<String> read = settingsTheServerReads();
        Set<String> documented = settingsTheReadmeDocuments();
        for (String name : names) {
            if (LAUNCHER_VARIABLES.contains(name)) {
                continue;
            }
            assertTrue(read.contains(name), where + " sets " + name + ", which the server does not read");
            assertTrue(documented.contains(name), where + " sets " + name + ", which README's configuration table does not list");
        }
        for (String name : REQUIRED) {
            assertTrue(names.contains(name), where + " does not set " + name);
        }
    }

    /** MicroProfile Config finds {@code archive.s3.bucket} under the variable {@code ARCHIVE_S3_BUCKET}. */
    private static Set<String> settingsTheServerReads() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = CONFIG_PROPERTY.matcher(Files.readString(source));
                while (matcher.find()) {
                    names.add(matcher.group(1).toUpperCase().replace('.', '_'));
                }
            }
        }
        Matcher cli = CLI_ENV.matcher(Files.readString(DEPLOY.resolve("wildfly/configure-server.cli")));
        while (cli.find()) {
            names.add(cli.group(1));
        }
        return names;
    }

    private static Set<String> settingsTheReadmeDocuments() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("| `ARCHIVE_")) {
                Matcher matcher = Pattern.compile("`(ARCHIVE_[A-Z0-9_]+)`").matcher(line.split("\\|")[1]);
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    private static Set<String> healthPaths() throws IOException {
        Set<String> patterns = new TreeSet<>();
        Pattern servlet = Pattern.compile("@WebServlet\\(urlPatterns = \\{([^}]*)}");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = servlet.matcher(Files.readString(source));
                while (matcher.find()) {
                    Matcher literal = Pattern.compile("\"(/health[^\"]*)\"").matcher(matcher.group(1));
                    while (literal.find()) {
                        patterns.add(literal.group(1));
                    }
                }
            }
        }
        return patterns;
    }

    private static boolean matches(String servletPattern, String path) {
        return servletPattern.endsWith("/*")
                ? path.startsWith(servletPattern.substring(0, servletPattern.length() - 1))
                : servletPattern.equals(path);
    }

    private static List<String> haproxyServers() throws IOException {
        return Files.readAllLines(DEPLOY.resolve("proxy/haproxy.cfg")).stream()
                .map(String::strip).filter(line -> line.startsWith("server ")).toList();
    }

    private static Map<String, Map<String, Object>> composeNodes() throws IOException {
        Map<String, Object> services = map(documents(DEPLOY.resolve("compose.yaml")).get(0).get("services"));
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        services.forEach((name, definition) -> {
            if ("insurance-archive:1.0".equals(map(definition).get("image"))) {
                nodes.put(name, map(definition));
            }
        });
        assertEquals(2, nodes.size(), "two archive nodes in compose.yaml");
        return nodes;
    }

    private static Map<String, Object> environment(Map<String, Object> service) {
        return map(service.get("environment"));
    }

    private static Map<String, Object> configMap(String name) throws IOException {
        return map(kubernetesObject("ConfigMap", name).get("data"));
    }

    private static Map<String, Object> container(String name) throws IOException {
        Map<String, Object> spec = map(map(map(kubernetesObject("StatefulSet", name).get("spec")).get("template")).get("spec"));
        return list(spec.get("containers")).stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> kubernetesObject(String kind, String name) throws IOException {
        for (Path file : yamlFiles()) {
            for (Map<String, Object> document : documents(file)) {
                if (kind.equals(document.get("kind")) && name.equals(map(document.get("metadata")).get("name"))) {
                    return document;
                }
            }
        }
        throw new AssertionError("no " + kind + " " + name + " under deploy/");
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(Files.readString(file))) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, "expected a mapping, found " + value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        assertTrue(value instanceof List, "expected a list, found " + value);
        return (List<Map<String, Object>>) value;
    }
}

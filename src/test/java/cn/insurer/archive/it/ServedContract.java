package cn.insurer.archive.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The OpenAPI document the server under test serves at {@code /openapi}. */
final class ServedContract {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ServedContract() {
    }

    /**
     * Fetched past {@link ApiClient}, whose answers are themselves checked against this document.
     * A test that runs only a server of its own names that server's port in
     * {@code it.contract.http.port}: every server here serves the same WAR, so the same document.
     */
    static String yaml() {
        String port = System.getProperty("it.contract.http.port", System.getProperty("it.http.port"));
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi"))
                            .timeout(Duration.ofMinutes(1)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/openapi answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document without its build version, which changes with every release but nothing else. */
    static JsonNode normalised(String yaml) {
        JsonNode document = tree(yaml);
        ((ObjectNode) document.get("info")).remove("version");
        return document;
    }
}

package cn.insurer.archive.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * Holds every exchange the integration tests have with {@code /api} through {@link ApiClient}
 * against the OpenAPI document the server serves, so that the document cannot drift from what the
 * server does. An answer must be listed for its operation with its status code and media type, and
 * a JSON answer must match its schema; a request the server accepted (2xx) must match the documented
 * request body and name only documented query parameters. A call to a path or method the document
 * does not know is checked only when the server did not answer 404 or 405 (tests probe unknown
 * routes on purpose). Violations are collected and {@link ServerTestBase} fails the test that made
 * them after it ran, so that one run lists every departure instead of the first.
 *
 * <p>The document is OpenAPI 3.1, whose schemas are JSON Schema 2020-12; they are evaluated with the
 * networknt validator the archive already uses. (swagger-request-validator reads OpenAPI 3.0 only.)
 */
final class ContractCheck {

    private static final String BASE = "https://archive.test/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private final JsonNode document;
    private final JsonSchemaFactory schemas;
    /** Where each schema under /paths sits in the loaded copy: path templates' braces cannot go in a URI fragment. */
    private final Map<String, String> copies = new HashMap<>();

    ContractCheck(JsonNode document) {
        this.document = document;
        ObjectNode loaded = document.deepCopy();
        ObjectNode copied = loaded.putObject("x-contract-schemas");
        collectSchemas(document.path("paths"), "/paths", copied);
        String json;
        try {
            json = ApiClient.JSON.writeValueAsString(loaded);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, json))));
    }

    private void collectSchemas(JsonNode node, String pointer, ObjectNode copied) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String child = pointer + "/" + escape(field.getKey());
            if (field.getKey().equals("schema") && field.getValue().isObject()) {
                String name = "s" + copies.size();
                copied.set(name, field.getValue());
                copies.put(child, "/x-contract-schemas/" + name);
            } else if (field.getValue().isObject()) {
                collectSchemas(field.getValue(), child, copied);
            }
        }
    }

    /** The served document, read once per test JVM: every test class deploys the same WAR. */
    /**
     * The published copy, which OpenApiDocumentIT keeps equal to what the server serves: read from the
     * checkout, so exchanges with servers of their own (a second node, a restored archive) are checked
     * even when no test has started the shared server yet.
     */
    private static final class Served {
        static final ContractCheck CHECK = new ContractCheck(ServedContract.tree(published()));

        private static String published() {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of("src", "main", "openapi", "archive-api.yaml"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * The departures not yet reported. Shared by the whole test JVM because the helpers that call the
     * server are static; tests in one JVM run one after another, and {@link #drain()} empties it.
     */
    private static final Queue<String> DEPARTURES = new ConcurrentLinkedQueue<>();

    /** Records every way the exchange departs from the served document. */
    static void verify(String method, URI uri, String requestContentType, byte[] requestBody, ApiClient.Reply reply) {
        if (!uri.getPath().startsWith("/api/")) {
            return;
        }
        List<String> violations = Served.CHECK.violations(method.toLowerCase(Locale.ROOT), uri, requestContentType, requestBody, reply);
        if (!violations.isEmpty()) {
            DEPARTURES.add(method + " " + uri.getPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " → " + reply.status() + "\n    " + String.join("\n    ", violations));
        }
    }

    /** Fails with every departure recorded since the last check; each test class checks after each test. */
    static void assertFollowed() {
        List<String> departures = drain();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), departures,
                "exchanges that depart from /openapi (fix the document, not the behaviour):\n  " + String.join("\n  ", departures));
    }

    /** The departures recorded since the last call. */
    static List<String> drain() {
        List<String> drained = new ArrayList<>();
        for (String departure = DEPARTURES.poll(); departure != null; departure = DEPARTURES.poll()) {
            drained.add(departure);
        }
        return drained;
    }

    List<String> violations(String method, URI uri, String requestContentType, byte[] requestBody, ApiClient.Reply reply) {
        List<String> violations = new ArrayList<>();
        String template = template(uri.getPath(), method);
        if (template == null) {
            if (reply.status() != 404 && reply.status() != 405) {
                violations.add("no operation " + method.toUpperCase(Locale.ROOT) + " for this path in the document");
            }
            return violations;
        }
        String pointer = "/paths/" + escape(template) + "/" + method;
        JsonNode operation = document.at(pointer);
        boolean accepted = reply.status() / 100 == 2;
        if (accepted) {
            checkQuery(operation, uri, violations);
            checkRequestBody(operation, pointer, requestContentType, requestBody, violations);
        }
        checkResponse(operation, pointer, reply, violations);
        return violations;
    }

    private void checkQuery(JsonNode operation, URI uri, List<String> violations) {
        if (uri.getRawQuery() == null) {
            return;
        }
        Set<String> documented = new TreeSet<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode resolved = resolve(parameter);
            if ("query".equals(resolved.path("in").asText())) {
                documented.add(resolved.path("name").asText());
            }
        }
        for (String pair : uri.getRawQuery().split("&")) {
            String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
            if (!name.isEmpty() && !documented.contains(name)) {
                violations.add("query parameter '" + name + "' is not documented (documented: " + documented + ")");
            }
        }
    }

    private void checkRequestBody(JsonNode operation, String pointer, String contentType, byte[] body, List<String> violations) {
        if (body == null || body.length == 0 || contentType == null || !isJson(contentType)) {
            return;
        }
        JsonNode requestBody = operation.path("requestBody");
        if (requestBody.isMissingNode()) {
            violations.add("the server accepted a JSON body the document does not describe");
            return;
        }
        String bodyPointer = requestBody.has("$ref") ? requestBody.get("$ref").asText().substring(1) : pointer + "/requestBody";
        JsonNode content = document.at(bodyPointer + "/content");
        String mediaType = mediaTypeKey(content, contentType);
        if (mediaType == null) {
            violations.add("request media type " + contentType + " not among " + names(content));
            return;
        }
        validate(bodyPointer + "/content/" + escape(mediaType) + "/schema", body, "request body", violations);
    }

    private void checkResponse(JsonNode operation, String pointer, ApiClient.Reply reply, List<String> violations) {
        JsonNode responses = operation.path("responses");
        String status = Integer.toString(reply.status());
        String key = responses.has(status) ? status
                : responses.has(status.charAt(0) + "XX") ? status.charAt(0) + "XX" : responses.has("default") ? "default" : null;
        if (key == null) {
            violations.add("status " + status + " is not documented (documented: " + names(responses) + ")");
            return;
        }
        String responsePointer = pointer + "/responses/" + escape(key);
        JsonNode response = responses.get(key);
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = document.at(responsePointer);
        }
        JsonNode content = response.path("content");
        boolean hasBody = reply.body().length > 0;
        if (content.isMissingNode() || content.isEmpty()) {
            if (hasBody) {
                violations.add("status " + status + " is documented without a body, yet came with " + reply.contentType());
            }
            return;
        }
        if (!hasBody) {
            return;
        }
        String contentType = reply.contentType();
        String mediaType = contentType == null ? null : mediaTypeKey(content, contentType);
        if (mediaType == null) {
            violations.add("response media type " + contentType + " not among " + names(content) + " for " + status);
            return;
        }
        if (isJson(contentType) && content.path(mediaType).has("schema")) {
            validate(responsePointer + "/content/" + escape(mediaType) + "/schema", reply.body(), "response body", violations);
        }
    }

    private void validate(String schemaPointer, byte[] body, String what, List<String> violations) {
        JsonNode instance;
        try {
            instance = ApiClient.JSON.readTree(body);
        } catch (IOException e) {
            violations.add(what + " is not JSON");
            return;
        }
        JsonSchema schema = schemas.getSchema(SchemaLocation.of(BASE + "#" + copies.getOrDefault(schemaPointer, schemaPointer)));
        for (ValidationMessage message : schema.validate(instance)) {
            violations.add(what + ": " + message.getMessage() + " (schema " + schemaPointer + ")");
        }
    }

    /** The documented media type a concrete one falls under: exact, by its base type, or by a wildcard. */
    private static String mediaTypeKey(JsonNode content, String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String wildcard = null;
        for (Iterator<String> names = content.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String documented = name.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (documented.equals(base)) {
                return name;
            }
            if (documented.equals("*/*") || (documented.endsWith("/*") && base.startsWith(documented.substring(0, documented.length() - 1)))) {
                wildcard = name;
            }
        }
        return wildcard;
    }

    /** The documented path template this path falls under, literal segments before templated ones. */
    private String template(String path, String method) {
        String best = null;
        int bestTemplated = Integer.MAX_VALUE;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = paths.next();
            if (!entry.getValue().has(method) || !METHODS.contains(method)) {
                continue;
            }
            String regex = "\\Q" + entry.getKey().replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            if (Pattern.matches(regex, path)) {
                int templated = entry.getKey().split("\\{", -1).length - 1;
                if (templated < bestTemplated) {
                    best = entry.getKey();
                    bestTemplated = templated;
                }
            }
        }
        return best;
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static boolean isJson(String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return base.equals("application/json") || base.endsWith("+json");
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

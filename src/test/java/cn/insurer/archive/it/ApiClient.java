package cn.insurer.archive.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A small HTTP client for the archive's REST API, signed in as one user. */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String authorization;
    private final String username;
    /** Another server's port, or 0 for the server the tests deploy into. */
    private final int port;

    private ApiClient(String authorization, String username, int port) {
        this.authorization = authorization;
        this.username = username;
        this.port = port;
    }

    /** The same user, talking to another server on this machine (a second node). */
    public ApiClient on(int otherPort) {
        return new ApiClient(authorization, username, otherPort);
    }

    public String username() {
        return username;
    }

    public static ApiClient as(String username, String password) {
        if (username == null) {
            return new ApiClient(null, null, 0);
        }
        return new ApiClient("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8)), username, 0);
    }

    public static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("it.http.port") + path);
    }

    public Reply get(String path) {
        return send(builder(path).GET());
    }

    public Reply get(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = builder(path).GET();
        headers.forEach(builder::header);
        return send(builder);
    }

    public Reply post(String path, Object json) {
        return sendJson("POST", path, json);
    }

    public Reply put(String path, Object json) {
        return sendJson("PUT", path, json);
    }

    public Reply patch(String path, Object json) {
        return sendJson("PATCH", path, json);
    }

    private Reply sendJson(String method, String path, Object json) {
        byte[] body = text(json).getBytes(StandardCharsets.UTF_8);
        return send(builder(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)), body);
    }

    public Reply postRaw(String path, String contentType, byte[] body) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)), body);
    }

    /** Uploads a file with its metadata part, streaming the file from disk. */
    public Reply upload(String dossierId, Path file, String fileName, Object metadata) {
        return multipart("/api/dossiers/" + dossierId + "/items", file, fileName, metadata);
    }

    /** 补充归档: files the bytes into a sealed dossier, the reason in the metadata. */
    public Reply supplement(String dossierId, byte[] bytes, String fileName, Object metadata) {
        try {
            Path temp = Files.createTempFile("supplement", ".bin");
            Files.write(temp, bytes);
            try {
                return multipart("/api/dossiers/" + dossierId + "/supplements", temp, fileName, metadata);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reply multipart(String path, Path file, String fileName, Object metadata) {
        Multipart multipart = new Multipart();
        if (metadata != null) {
            multipart.text("metadata", text(metadata));
        }
        if (file != null) {
            multipart.file("file", fileName, file);
        }
        return send(builder(path)
                .header("Content-Type", multipart.contentType())
                .POST(multipart.publisher()));
    }

    public Reply upload(String dossierId, byte[] bytes, String fileName, Object metadata) {
        try {
            Path temp = Files.createTempFile("upload", ".bin");
            Files.write(temp, bytes);
            try {
                return upload(dossierId, temp, fileName, metadata);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET whose body is read as a stream, for large downloads. */
    public HttpResponse<java.io.InputStream> stream(String path) {
        try {
            return HTTP.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply send(HttpRequest.Builder builder) {
        return send(builder, null);
    }

    /** Sends, and holds the exchange against the served OpenAPI document ({@link ContractCheck}). */
    private Reply send(HttpRequest.Builder builder, byte[] body) {
        try {
            HttpRequest request = builder.build();
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Reply reply = new Reply(response.statusCode(), response.headers().map(), response.body());
            ContractCheck.verify(request.method(), request.uri(), request.headers().firstValue("Content-Type").orElse(null), body, reply);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder builder(String path) {
        URI target = port == 0 ? uri(path) : URI.create("http://127.0.0.1:" + port + path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(5));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    public static String query(String path, Map<String, String> parameters) {
        StringBuilder out = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            out.append(separator).append(entry.getKey()).append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return out.toString();
    }

    private static String text(Object json) {
        try {
            return json instanceof String s ? s : JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** An HTTP answer. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + text(), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + (body.length > 2000 ? text().substring(0, 2000) : text());
        }
    }

    /** A multipart/form-data body that streams file parts from disk. */
    static final class Multipart {

        private final String boundary = "----archive" + HexFormat.of().formatHex(randomBytes());
        private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

        void text(String name, String value) {
            parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + name + "\"\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n" + value + "\r\n",
                    StandardCharsets.UTF_8));
        }

        void file(String name, String fileName, Path file) {
            parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + name + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                    StandardCharsets.UTF_8));
            try {
                parts.add(HttpRequest.BodyPublishers.ofFile(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            parts.add(HttpRequest.BodyPublishers.ofString("\r\n"));
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        HttpRequest.BodyPublisher publisher() {
            List<HttpRequest.BodyPublisher> all = new ArrayList<>(parts);
            all.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
            return HttpRequest.BodyPublishers.concat(all.toArray(HttpRequest.BodyPublisher[]::new));
        }

        private static byte[] randomBytes() {
            byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            return bytes;
        }
    }
}

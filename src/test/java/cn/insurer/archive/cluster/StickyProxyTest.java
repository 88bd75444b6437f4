package cn.insurer.archive.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy between two small HTTP servers that say who they are and what they were sent. */
class StickyProxyTest {

    private final List<HttpServer> backends = new ArrayList<>();
    private StickyProxy proxy;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        backends.forEach(server -> server.stop(0));
    }

    @Test
    void requestsWithoutTheCookieAreSpreadAndEachAnswerPinsItsNode() throws Exception {
        start(List.of(backend("a"), backend("b")));
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = get("/who", null);
            answeredBy.add(response.body());
            assertEquals("ARCHIVE_NODE=" + response.body() + "; Path=/; HttpOnly; SameSite=Lax",
                    response.headers().firstValue("Set-Cookie").orElseThrow());
        }
        assertEquals(2, answeredBy.stream().filter("a"::equals).count(), answeredBy.toString());
        assertEquals(2, answeredBy.stream().filter("b"::equals).count(), answeredBy.toString());
    }

    @Test
    void aPinnedBrowserStaysOnItsNodeAndTheNodeNeverSeesTheProxysCookie() throws Exception {
        start(List.of(backend("a"), backend("b")));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = get("/cookies", "JSESSIONID=abc; ARCHIVE_NODE=b");
            assertEquals("b:JSESSIONID=abc", response.body());
            assertTrue(response.headers().firstValue("Set-Cookie").isEmpty(), "already pinned");
        }
        assertEquals(5, proxy.served().get("b"));
    }

    @Test
    void aRedirectToTheNodesOwnAddressPointsAtTheProxy() throws Exception {
        HttpServer a = backend("a");
        start(List.of(a));
        HttpResponse<String> response = get("/redirect", null);
        assertEquals(302, response.statusCode());
        assertEquals("http://127.0.0.1:" + proxy.port() + "/ui/home.xhtml", response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aLargeUploadStreamsThroughUnchanged() throws Exception {
        start(List.of(backend("a")));
        byte[] body = new byte[8 * 1024 * 1024 + 17];
        new Random(7).nextBytes(body);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/hash"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), response.body());
    }

    @Test
    void aNodeThatIsDownIsSkippedForReadsAndAWriteToItIsRefusedAsUnavailable() throws Exception {
        int dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = socket.getLocalPort();
        }
        HttpServer b = backend("b");
        proxy = new StickyProxy(new InetSocketAddress("127.0.0.1", 0), List.of(
                new StickyProxy.Node("a", URI.create("http://127.0.0.1:" + dead + "/")),
                new StickyProxy.Node("b", URI.create("http://127.0.0.1:" + b.getAddress().getPort() + "/"))));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> read = get("/who", "ARCHIVE_NODE=a");
            assertEquals("b", read.body());
            assertEquals("ARCHIVE_NODE=b; Path=/; HttpOnly; SameSite=Lax", read.headers().firstValue("Set-Cookie").orElseThrow(),
                    "the browser moves to the node that answered");
        }
        HttpResponse<String> write = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/hash"))
                .header("Cookie", "ARCHIVE_NODE=a").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, write.statusCode());
        assertEquals("application/problem+json", write.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(write.body().contains("没有可用的档案节点"), write.body());
        assertFalse(proxy.served().get("a") > 0);
    }

    private void start(List<HttpServer> servers) throws IOException {
        List<StickyProxy.Node> nodes = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            nodes.add(new StickyProxy.Node(String.valueOf((char) ('a' + i)),
                    URI.create("http://127.0.0.1:" + servers.get(i).getAddress().getPort() + "/")));
        }
        proxy = new StickyProxy(new InetSocketAddress("127.0.0.1", 0), nodes);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpServer backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/who", exchange -> reply(exchange, 200, name));
        server.createContext("/cookies", exchange -> reply(exchange, 200,
                name + ":" + String.join(",", exchange.getRequestHeaders().getOrDefault("Cookie", List.of()))));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/ui/home.xhtml");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/hash", exchange -> {
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[65536];
                for (int read; (read = exchange.getRequestBody().read(buffer)) > 0; ) {
                    sha256.update(buffer, 0, read);
                }
                reply(exchange, 200, HexFormat.of().formatHex(sha256.digest()));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        server.start();
        backends.add(server);
        return server;
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

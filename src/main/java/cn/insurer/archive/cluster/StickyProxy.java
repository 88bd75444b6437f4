package cn.insurer.archive.cluster;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The round-robin proxy of {@code ./archive run --nodes N}, with the policy of
 * {@code deploy/proxy/haproxy.cfg}: a browser is pinned to the node that served it first by the
 * {@code ARCHIVE_NODE} cookie the proxy adds (the desk's session lives in that node), requests
 * without the cookie, such as REST calls, are spread request by request, and a node that does not
 * answer is skipped for requests that can be sent again. Bodies stream through in both directions.
 * It is for one machine and for tests; production runs haproxy or the platform's ingress.
 */
public final class StickyProxy implements AutoCloseable {

    static final String COOKIE = "ARCHIVE_NODE";
    /** Hop-by-hop headers, and those the HTTP client and server set themselves. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "http2-settings", "date", "via",
            "warning", "from");

    /** One node behind the proxy: the cookie value that names it and its base address. */
    public record Node(String name, URI base) {
    }

    private final List<Node> nodes;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "sticky-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, AtomicInteger> served = new LinkedHashMap<>();

    public StickyProxy(InetSocketAddress listen, List<Node> nodes) throws IOException {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no nodes to proxy to");
        }
        this.nodes = List.copyOf(nodes);
        nodes.forEach(node -> served.put(node.name(), new AtomicInteger()));
        server = HttpServer.create(listen, 128);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How many requests each node has answered through this proxy, by node name. */
    public Map<String, Integer> served() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        served.forEach((name, count) -> counts.put(name, count.get()));
        return counts;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<Node> pinned = pinnedNode(exchange.getRequestHeaders());
            boolean repeatable = exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
            List<Node> order = new ArrayList<>();
            pinned.ifPresent(order::add);
            // Only unpinned requests take a turn, so that new browsers alternate whatever the pinned ones do.
            int start = pinned.isPresent() ? 0 : Math.floorMod(next.getAndIncrement(), nodes.size());
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get((start + i) % nodes.size());
                if (!order.contains(node)) {
                    order.add(node);
                }
            }
            for (int i = 0; i < order.size(); i++) {
                Node node = order.get(i);
                try {
                    forward(exchange, node, pinned.filter(node::equals).isEmpty());
                    return;
                } catch (ConnectException down) {
                    if (!repeatable || i == order.size() - 1) {
                        unavailable(exchange);
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Node> pinnedNode(Headers headers) {
        for (String cookieHeader : headers.getOrDefault("Cookie", List.of())) {
            for (String cookie : cookieHeader.split(";")) {
                String[] pair = cookie.trim().split("=", 2);
                if (pair.length == 2 && pair[0].equals(COOKIE)) {
                    return nodes.stream().filter(node -> node.name().equals(pair[1])).findFirst();
                }
            }
        }
        return Optional.empty();
    }

    private void forward(HttpExchange exchange, Node node, boolean pin) throws IOException, InterruptedException {
        URI target = node.base().resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(10));
        String host = exchange.getRequestHeaders().getFirst("Host");
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                String others = withoutOurCookie(values);
                if (!others.isEmpty()) {
                    request.header("Cookie", others);
                }
            } else if (!NOT_FORWARDED.contains(lower) && !lower.startsWith("x-forwarded-")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        request.header("X-Forwarded-Proto", "http");
        if (host != null) {
            request.header("X-Forwarded-Host", host);
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean hasBody = (length != null && !length.equals("0")) || exchange.getRequestHeaders().containsKey("Transfer-Encoding");
        InputStream body = exchange.getRequestBody();
        request.method(exchange.getRequestMethod(), !hasBody ? HttpRequest.BodyPublishers.noBody()
                : length != null ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
                Long.parseLong(length)) : HttpRequest.BodyPublishers.ofInputStream(() -> body));
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        // Counted before the client can see the answer.
        served.get(node.name()).incrementAndGet();
        try (InputStream answer = response.body()) {
            Headers out = exchange.getResponseHeaders();
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("location")) {
                    values.forEach(value -> out.add(name, relocated(value, node, host)));
                } else if (!NOT_FORWARDED.contains(lower) && !lower.equals(":status")) {
                    values.forEach(value -> out.add(name, value));
                }
            });
            if (pin) {
                out.add("Set-Cookie", COOKIE + "=" + node.name() + "; Path=/; HttpOnly; SameSite=Lax");
            }
            long size = response.headers().firstValueAsLong("Content-Length").orElse(0);
            boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : size == 0 && response.headers()
                    .firstValue("Content-Length").isPresent() ? -1 : size);
            if (!noBody) {
                try (OutputStream to = exchange.getResponseBody()) {
                    answer.transferTo(to);
                }
            }
        }
    }

    private static String withoutOurCookie(List<String> headers) {
        return headers.stream().flatMap(header -> java.util.Arrays.stream(header.split(";"))).map(String::trim)
                .filter(cookie -> !cookie.isEmpty() && !cookie.startsWith(COOKIE + "=")).collect(Collectors.joining("; "));
    }

    /** A redirect to the node's own address is sent to the proxy's instead, where the browser came from. */
    private static String relocated(String location, Node node, String host) {
        String base = node.base().toString().replaceAll("/$", "");
        if (host != null && location.startsWith(base)) {
            return "http://" + host + location.substring(base.length());
        }
        return location;
    }

    private static void unavailable(HttpExchange exchange) throws IOException {
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"没有可用的档案节点，请稍后再试 · No archive node answers; try again later\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.getResponseHeaders().set("Retry-After", "5");
        exchange.sendResponseHeaders(503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code StickyProxy PORT name=http://host:port ...}: runs until the process is stopped. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StickyProxy PORT name=http://host:port [name=http://host:port ...]");
            System.exit(2);
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            nodes.add(new Node(pair[0], URI.create(pair[1].endsWith("/") ? pair[1] : pair[1] + "/")));
        }
        StickyProxy proxy = new StickyProxy(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), nodes);
        System.out.println("Proxy on http://127.0.0.1:" + proxy.port() + " over "
                + nodes.stream().map(node -> node.name() + "=" + node.base()).collect(Collectors.joining(", ")));
        Thread.currentThread().join();
    }
}

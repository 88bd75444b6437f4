package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The web desk as plain HTTP, without a browser: a signed-in session that fetches pages and posts
 * their forms as a browser would without JavaScript. It sees the HTML the server sends, which is
 * what a leak check needs.
 */
final class DeskForms {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private String page;
    private String html;

    private DeskForms() {
    }

    /** Signs in through the desk's sign-in form and lands on the home page. */
    static DeskForms signIn(Users.Account account) {
        DeskForms desk = new DeskForms();
        desk.get("/ui/login.xhtml");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("signin:username", account.username());
        fields.put("signin:password", account.password());
        fields.put("signin:submit", "");
        HttpResponse<String> signedIn = desk.submit("signin", fields);
        assertTrue(signedIn.uri().getPath().endsWith("/ui/home.xhtml"), () -> "not signed in: " + signedIn.uri());
        return desk;
    }

    /** The page's HTML as the server sends it. */
    String get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(ApiClient.uri(path)).GET());
        assertEquals(200, response.statusCode(), response::body);
        page = response.uri().getPath() + (response.uri().getRawQuery() == null ? "" : "?" + response.uri().getRawQuery());
        html = response.body();
        return html;
    }

    /**
     * Posts a form of the last page fetched, with its view state, as its submit button would; the
     * fields name the inputs and the button by their client ids. Returns the page that answers.
     */
    HttpResponse<String> submit(String formId, Map<String, String> fields) {
        Matcher state = VIEW_STATE.matcher(html);
        assertTrue(state.find(), () -> "no view state on " + page);
        Map<String, String> body = new LinkedHashMap<>();
        body.put(formId, formId);
        body.putAll(fields);
        body.put("jakarta.faces.ViewState", state.group(1).replace("&#58;", ":").replace("&amp;", "&"));
        String encoded = body.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(ApiClient.uri(page))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)));
        html = response.body();
        page = response.uri().getPath() + (response.uri().getRawQuery() == null ? "" : "?" + response.uri().getRawQuery());
        return response;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package cn.insurer.archive.it;

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
 * The web desk over plain HTTP, as a browser without scripts sees it: one cookie jar per session,
 * the sign-in form posted with its view state, redirects left to the caller so where a page sends
 * the user can be checked.
 */
final class DeskSession {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");
    private static final Pattern SIGN_IN_FORM = Pattern.compile("<form[^>]*id=\"signin\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** The test server's port, or another address on this machine (a second node, a proxy). */
    private final String port;

    private DeskSession(String port) {
        this.port = port;
    }

    static DeskSession anonymous() {
        return new DeskSession(System.getProperty("it.http.port"));
    }

    /** Signs in through the desk's form; fails the test when the desk does not take the user home. */
    static DeskSession signIn(Users.Account account) {
        return signIn(account, Integer.parseInt(System.getProperty("it.http.port")));
    }

    /** Signs in through the desk on another port of this machine. */
    static DeskSession signIn(Users.Account account, int port) {
        DeskSession session = new DeskSession(String.valueOf(port));
        Page form = session.get("/ui/login.xhtml");
        if (form.status() != 200) {
            throw new AssertionError("the sign-in page answered " + form.status());
        }
        Matcher viewState = VIEW_STATE.matcher(form.body());
        Matcher signInForm = SIGN_IN_FORM.matcher(form.body());
        if (!viewState.find() || !signInForm.find()) {
            throw new AssertionError("no sign-in form with a view state on the sign-in page");
        }
        Matcher action = ACTION.matcher(signInForm.group());
        String target = action.find() ? unescape(action.group(1)) : "/ui/login.xhtml";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("signin", "signin");
        fields.put("signin:username", account.username());
        fields.put("signin:password", account.password());
        fields.put("signin:submit", "");
        fields.put("jakarta.faces.ViewState", unescape(viewState.group(1)));
        Page signedIn = session.post(target, fields);
        if (signedIn.status() != 302 || signedIn.location() == null || !signedIn.location().contains("/ui/home.xhtml")) {
            throw new AssertionError("signing in " + account.username() + " answered " + signedIn.status() + " to "
                    + signedIn.location());
        }
        return session;
    }

    /** One answer; {@code location} only for redirects. */
    record Page(int status, String location, String contentType, String body) {

        boolean redirectedTo(String path) {
            return (status == 302 || status == 303) && location != null && location.contains(path);
        }
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Follows a redirect the desk answered, within the same session. */
    Page follow(Page redirect) {
        String location = redirect.location();
        String path = location.startsWith("http") ? location.substring(location.indexOf('/', location.indexOf("//") + 2)) : location;
        return get(path);
    }

    private Page post(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private java.net.URI uri(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port + path);
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.header("Accept-Language", "zh-CN").timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""), new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#58;", ":");
    }
}

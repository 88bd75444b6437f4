package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signing in to the web desk through an OpenID provider (authorization code with PKCE), driven hop
 * by hop over plain HTTP the way a browser follows the redirects. The provider only vouches for a
 * name: roles come from the archive's own users, strangers and disabled users are refused, and a
 * token that does not verify signs in nobody. Every refusal is audited.
 */
class OidcSignInIT extends ServerTestBase {

    private static final String DEPARTMENT = "档案室";
    private static OidcTestProvider provider;
    private static Users.Account auditor;

    @BeforeAll
    static void provider() throws IOException {
        provider = OidcTestProvider.start();
        auditor = Users.account("oauditor", "SECRET", "稽核部", "AUDITOR");
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void aKnownUserSignsInWithTheArchivesRolesAndSignsOut() {
        Users.Account clerk = Users.account("oclerk", "INTERNAL", DEPARTMENT, "CLERK");
        Visitor visitor = new Visitor();
        provider.signInNext(clerk.username(), OidcTestProvider.Mischief.NONE);
        SignIn signIn = visitor.signInThroughProvider();
        assertEquals("/ui/home.xhtml", signIn.landing().getPath());
        assertTrue(provider.pkceVerified(signIn.challenge()), "the code was redeemed with the PKCE verifier");

        HttpResponse<String> home = visitor.get(signIn.landing());
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("我的工作台"), home.body());
        assertTrue(text(home.body(), "signed-in-user").contains(clerk.username()), home.body());
        assertEquals("档案员", text(home.body(), "signed-in-roles"));
        assertTrue(home.body().contains("未归档的案卷"), "a clerk's desk");

        JsonNode logins = events("LOGIN", clerk.username());
        assertEquals(1, logins.get("total").asInt(), logins::toString);
        assertEquals("oidc", logins.at("/events/0/details/via").asText());
        assertEquals("SUCCESS", logins.at("/events/0/outcome").asText());

        HttpResponse<String> signedOut = visitor.submit("/ui/home.xhtml", home.body(), "header", "header:sign-out");
        assertEquals(302, signedOut.statusCode());
        assertTrue(visitor.location(signedOut).getPath().endsWith("/ui/login.xhtml"));
        assertSignedOut(visitor);

        // The provider's answer is good once: replayed after sign-out it signs nobody in.
        HttpResponse<String> replayed = visitor.get(signIn.callback());
        assertEquals("/ui/login.xhtml", visitor.location(replayed).getPath());
        assertSignedOut(visitor);
        assertEquals(1, events("LOGIN", clerk.username()).get("total").asInt());
    }

    @Test
    void anUnknownOrDisabledUserIsRefusedInChineseAndAudited() {
        String stranger = Users.unique("ostranger");
        Visitor visitor = new Visitor();
        provider.signInNext(stranger, OidcTestProvider.Mischief.NONE);
        SignIn refused = visitor.signInThroughProvider();
        assertEquals("/ui/login.xhtml", refused.landing().getPath());
        String page = visitor.get(refused.landing()).body();
        assertTrue(page.contains("单位账号 " + stranger + " 未在档案系统中开通或已停用"), page);
        assertTrue(page.contains("signin:username"), "the form stays for local users");
        assertSignedOut(visitor);
        JsonNode failed = events("LOGIN_FAILED", stranger);
        assertEquals(1, failed.get("total").asInt(), failed::toString);
        assertEquals("oidc", failed.at("/events/0/details/via").asText());
        assertEquals("unknown-or-disabled", failed.at("/events/0/details/reason").asText());

        Users.Account leaver = Users.account("oleaver", "INTERNAL", DEPARTMENT, "CLERK");
        ApiClient.Reply disabled = admin().patch("/api/users/" + leaver.username(), Map.of("enabled", false));
        assertEquals(200, disabled.status(), disabled::toString);
        provider.signInNext(leaver.username(), OidcTestProvider.Mischief.NONE);
        assertEquals("/ui/login.xhtml", visitor.signInThroughProvider().landing().getPath());
        assertTrue(visitor.get(ApiClient.uri("/ui/login.xhtml")).body().contains("单位账号 " + leaver.username()));
        assertSignedOut(visitor);
        assertEquals(1, events("LOGIN_FAILED", leaver.username()).get("total").asInt());
        assertEquals(0, events("LOGIN", leaver.username()).get("total").asInt());
    }

    @ParameterizedTest
    @EnumSource(value = OidcTestProvider.Mischief.class, names = {"TAMPERED_PAYLOAD", "FOREIGN_KEY", "WRONG_NONCE",
        "WRONG_AUDIENCE", "WRONG_ISSUER", "EXPIRED"})
    void aTokenThatDoesNotVerifySignsInNobody(OidcTestProvider.Mischief mischief) {
        Users.Account clerk = Users.account("oclerk", "INTERNAL", DEPARTMENT, "CLERK");
        Users.Account manager = Users.account("omanager", "SECRET", DEPARTMENT, "ARCHIVE_MANAGER");
        Visitor visitor = new Visitor();
        // A tampered token names the archive manager, though the provider signed it for the clerk.
        provider.signInNext(clerk.username(), mischief, manager.username());
        SignIn refused = visitor.signInThroughProvider();
        assertEquals("/ui/login.xhtml", refused.landing().getPath(), mischief::name);
        assertTrue(visitor.get(refused.landing()).body().contains("单位账号登录未通过校验"), mischief::name);
        assertSignedOut(visitor);

        String claimed = mischief == OidcTestProvider.Mischief.TAMPERED_PAYLOAD ? manager.username() : clerk.username();
        String expectedReason = switch (mischief) {
            case TAMPERED_PAYLOAD, FOREIGN_KEY -> "signature";
            case WRONG_NONCE -> "nonce";
            case WRONG_AUDIENCE -> "audience";
            case WRONG_ISSUER -> "issuer";
            case EXPIRED -> "expiry";
            default -> throw new IllegalArgumentException(mischief.name());
        };
        JsonNode anonymous = auditor.api().get("/api/audit?action=LOGIN_FAILED&actor=anonymous&size=200").json();
        JsonNode found = null;
        for (JsonNode event : anonymous.get("events")) {
            if (claimed.equals(event.at("/details/claimed").asText())) {
                found = event;
            }
        }
        assertTrue(found != null, () -> "no refusal for " + claimed + " in " + anonymous);
        assertEquals(expectedReason, found.at("/details/reason").asText(), found::toString);
        assertEquals("oidc", found.at("/details/via").asText());
        assertEquals(0, events("LOGIN", clerk.username()).get("total").asInt());
        assertEquals(0, events("LOGIN", manager.username()).get("total").asInt());
    }

    @Test
    void theProvidersAnswerCountsOnlyInTheSessionThatAskedForIt() {
        Users.Account clerk = Users.account("oclerk", "INTERNAL", DEPARTMENT, "CLERK");
        Visitor asking = new Visitor();
        provider.signInNext(clerk.username(), OidcTestProvider.Mischief.NONE);
        URI authorize = asking.location(asking.get(ApiClient.uri("/oidc/login")));
        URI callback = asking.location(asking.get(authorize));
        // Another browser handed the callback (a login CSRF) gets no session out of it.
        Visitor other = new Visitor();
        HttpResponse<String> answered = other.get(callback);
        assertEquals("/ui/login.xhtml", other.location(answered).getPath());
        assertSignedOut(other);
        JsonNode refusals = auditor.api().get("/api/audit?action=LOGIN_FAILED&actor=anonymous&size=200").json();
        assertTrue(refusals.get("total").asInt() >= 1 && refusals.toString().contains("\"reason\":\"state\""),
                refusals::toString);
    }

    @Test
    void theSignInPageOffersTheProviderBesideTheForm() {
        HttpResponse<String> page = new Visitor().get(ApiClient.uri("/ui/login.xhtml"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("使用单位账号登录 (OIDC)"), page.body());
        assertTrue(page.body().contains("href=\"/oidc/login\""), page.body());
        assertTrue(page.body().contains("signin:password"), "the password form stays");
    }

    private static void assertSignedOut(Visitor visitor) {
        HttpResponse<String> home = visitor.get(ApiClient.uri("/ui/home.xhtml"));
        assertEquals(302, home.statusCode());
        assertEquals("/ui/login.xhtml", visitor.location(home).getPath());
    }

    private static JsonNode events(String action, String actor) {
        ApiClient.Reply reply = auditor.api().get(ApiClient.query("/api/audit", Map.of("action", action, "actor", actor)));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    /** The text of the element with this id on a desk page. */
    private static String text(String html, String id) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
        assertTrue(matcher.find(), () -> id + " in " + html);
        return matcher.group(1).trim();
    }

    /** What one trip through the provider showed. */
    private record SignIn(String challenge, URI callback, URI landing) {
    }

    /** One browser: its own cookies, every redirect followed by hand so that each hop can be checked. */
    private static final class Visitor {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();

        /** The OIDC button, the provider's sign-in and its redirect back; ends where the archive sends the browser. */
        SignIn signInThroughProvider() {
            HttpResponse<String> toProvider = get(ApiClient.uri("/oidc/login"));
            assertEquals(302, toProvider.statusCode(), toProvider::body);
            URI authorize = location(toProvider);
            assertTrue(authorize.toString().startsWith(System.getProperty("it.oidc.issuer") + "/auth?"), authorize::toString);
            Map<String, String> query = query(authorize);
            assertEquals("S256", query.get("code_challenge_method"));
            assertEquals(System.getProperty("it.oidc.client.id"), query.get("client_id"));
            assertTrue(query.get("state").length() >= 32 && query.get("nonce").length() >= 32, query::toString);
            assertFalse(query.get("state").equals(query.get("nonce")));

            HttpResponse<String> back = get(authorize);
            assertEquals(302, back.statusCode(), back::body);
            URI callback = location(back);
            assertEquals("/oidc/callback", callback.getPath());
            HttpResponse<String> landed = get(callback);
            assertEquals(302, landed.statusCode(), landed::body);
            return new SignIn(query.get("code_challenge"), callback, location(landed));
        }

        HttpResponse<String> get(URI uri) {
            return send(HttpRequest.newBuilder(uri).GET());
        }

        /** Presses a Faces command link: the form's own name and view state, and the link's id. */
        HttpResponse<String> submit(String path, String page, String form, String link) {
            Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(page);
            assertTrue(state.find(), page);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(form, form);
            fields.put("jakarta.faces.ViewState", state.group(1).replace("&#58;", ":"));
            fields.put(link, link);
            StringBuilder body = new StringBuilder();
            fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return send(HttpRequest.newBuilder(ApiClient.uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        }

        URI location(HttpResponse<?> response) {
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new AssertionError("no redirect from " + response.uri() + ": " + response.statusCode()));
            return response.uri().resolve(location);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(60)).header("Accept-Language", "zh-CN").build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static Map<String, String> query(URI uri) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            return values;
        }
    }
}

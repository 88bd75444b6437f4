package cn.insurer.archive.access.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization-code sign-in of the web desk (with PKCE): {@link #START} sends the browser to
 * the provider with a fresh state, nonce and code challenge kept in the session; {@link #CALLBACK}
 * takes the code back, checks the state, exchanges the code and verifies the ID token. The result
 * is only a name: whether that person may use the archive, and with which roles, clearance and
 * department, is the archive's own user table's to say.
 */
@ApplicationScoped
public class OidcLogin {

    public static final String START = "/oidc/login";
    public static final String CALLBACK = "/oidc/callback";
    /** Where a refused sign-in leaves its reason for the sign-in page to show. */
    public static final String REFUSAL = OidcLogin.class.getName() + ".refusal";

    private static final String PENDING = OidcLogin.class.getName() + ".pending";
    /** Long enough to type a password and pass a second factor at the provider. */
    private static final Duration PENDING_FOR = Duration.ofMinutes(10);
    /** Sign-ins begun in several tabs each keep their own state, up to a few. */
    private static final int MAX_PENDING = 5;

    @Inject
    OidcProvider provider;

    @Inject
    Clock clock;

    private final SecureRandom random = new SecureRandom();
    private IdTokenVerifier verifier;

    @PostConstruct
    void create() {
        verifier = new IdTokenVerifier(clock);
    }

    /** What the sign-in page shows for a refused sign-in: a key of the desk's texts and its argument. */
    public record Refusal(String messageKey, String argument) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private record Pending(String nonce, String verifier, String redirectUri, Instant until) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public boolean enabled() {
        return provider.configured();
    }

    /** The provider's authorization URL for a new sign-in, whose secrets stay in the session. */
    public URI start(HttpServletRequest request) throws OidcException {
        OidcProvider.Discovery discovery = provider.discovery();
        String state = randomText();
        String nonce = randomText();
        String codeVerifier = randomText();
        String redirectUri = provider.redirectUri().orElseGet(() -> callbackOf(request));
        HttpSession session = request.getSession(true);
        Map<String, Pending> pending = pending(session);
        pending.values().removeIf(entry -> entry.until().isBefore(Instant.now(clock)));
        while (pending.size() >= MAX_PENDING) {
            pending.entrySet().stream().min(Map.Entry.comparingByValue(Comparator.comparing(Pending::until)))
                    .ifPresent(oldest -> pending.remove(oldest.getKey()));
        }
        pending.put(state, new Pending(nonce, codeVerifier, redirectUri, Instant.now(clock).plus(PENDING_FOR)));
        session.setAttribute(PENDING, pending);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", provider.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", provider.scopes());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", challenge(codeVerifier));
        query.put("code_challenge_method", "S256");
        String authorization = discovery.authorization().toString();
        StringBuilder url = new StringBuilder(authorization).append(authorization.contains("?") ? '&' : '?');
        query.forEach((name, value) -> url.append(encode(name)).append('=').append(encode(value)).append('&'));
        url.setLength(url.length() - 1);
        return URI.create(url.toString());
    }

    /** The verified name of the person the provider signed in, from the username claim. */
    public String finish(HttpServletRequest request) throws OidcException {
        String state = request.getParameter("state");
        Pending pending = take(request.getSession(false), state);
        if (request.getParameter("error") != null) {
            throw new OidcException("provider", "the provider refused the sign-in: " + request.getParameter("error"));
        }
        String code = request.getParameter("code");
        if (code == null || code.isBlank()) {
            throw new OidcException("code", "the provider sent no authorization code");
        }
        String idToken = provider.exchange(code, pending.verifier(), pending.redirectUri());
        JsonNode claims = verifier.verify(idToken, provider::key, new IdTokenVerifier.Expected(
                provider.discovery().issuer(), provider.clientId(), pending.nonce(), provider.usernameClaim()));
        String username = IdTokenVerifier.string(claims, provider.usernameClaim(), "").trim();
        if (username.isEmpty()) {
            throw new OidcException("claim", "the ID token has no " + provider.usernameClaim());
        }
        return username;
    }

    /** Each state is good for one answer only, and only in the session that began the sign-in. */
    private Pending take(HttpSession session, String state) throws OidcException {
        if (session == null || state == null) {
            throw new OidcException("state", "the sign-in was not begun in this session");
        }
        Map<String, Pending> pending = pending(session);
        Pending found = null;
        for (Map.Entry<String, Pending> entry : pending.entrySet()) {
            if (IdTokenVerifier.constantTimeEquals(entry.getKey(), state)) {
                found = entry.getValue();
            }
        }
        if (found == null || pending.remove(state) == null || found.until().isBefore(Instant.now(clock))) {
            throw new OidcException("state", "the sign-in's state is unknown, used or expired");
        }
        session.setAttribute(PENDING, pending);
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Pending> pending(HttpSession session) {
        Object kept = session.getAttribute(PENDING);
        return kept instanceof ConcurrentHashMap<?, ?> map ? (Map<String, Pending>) map : new ConcurrentHashMap<>();
    }

    private static String callbackOf(HttpServletRequest request) {
        StringBuffer url = request.getRequestURL();
        url.setLength(url.length() - request.getRequestURI().length());
        return url + request.getContextPath() + CALLBACK;
    }

    private String randomText() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String codeVerifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

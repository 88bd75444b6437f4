package cn.insurer.archive.access.oidc;

import cn.insurer.archive.platform.ExactJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configured OpenID provider as the archive talks to it: its discovery document and signing
 * keys, both fetched when first needed and kept, and the token endpoint a code is exchanged at.
 * A token naming a key the archive has not seen makes it fetch the keys again (the provider rotated
 * them), at most once a minute so that forged key ids cannot make it hammer the provider.
 */
@ApplicationScoped
public class OidcProvider {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DISCOVERY_KEPT = Duration.ofHours(1);
    private static final Duration KEYS_REFETCH_AFTER = Duration.ofMinutes(1);

    @Inject
    OidcSettings settings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private volatile Discovered discovered;
    private volatile Map<String, RSAPublicKey> keys = Map.of();
    /** A {@link System#nanoTime()} reading: how long ago is all that matters, never the date. */
    private volatile long keysFetched = System.nanoTime() - KEYS_REFETCH_AFTER.toNanos();

    /** What the discovery document says the archive needs. */
    public record Discovery(String issuer, URI authorization, URI token, URI keys, boolean secretInBody) {
    }

    /** Fetched at a {@link System#nanoTime()} reading. */
    private record Discovered(Discovery discovery, long at) {
    }

    public boolean configured() {
        return settings.oidcIssuer().isPresent();
    }

    public String clientId() {
        return settings.oidcClientId().orElseThrow();
    }

    public String usernameClaim() {
        return settings.oidcUsernameClaim();
    }

    public String scopes() {
        return settings.oidcScopes();
    }

    public Optional<String> redirectUri() {
        return settings.oidcRedirectUri();
    }

    public Discovery discovery() throws OidcException {
        Discovered current = discovered;
        if (current != null && System.nanoTime() - current.at() < DISCOVERY_KEPT.toNanos()) {
            return current.discovery();
        }
        String issuer = settings.oidcIssuer().orElseThrow(() -> new OidcException("configuration", "no OpenID provider is configured"));
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode document = get(URI.create(base + "/.well-known/openid-configuration"), "discovery");
        // The provider must name itself as configured, or its tokens would never pass the issuer check.
        if (!issuer.equals(IdTokenVerifier.string(document, "issuer", null))) {
            throw new OidcException("discovery", "the provider calls itself " + document.get("issuer") + ", not " + issuer);
        }
        JsonNode methods = document.get("token_endpoint_auth_methods_supported");
        boolean secretInBody = methods != null && methods.isArray()
                && !contains(methods, "client_secret_basic") && contains(methods, "client_secret_post");
        Discovery discovery = new Discovery(issuer, endpoint(document, "authorization_endpoint"),
                endpoint(document, "token_endpoint"), endpoint(document, "jwks_uri"), secretInBody);
        discovered = new Discovered(discovery, System.nanoTime());
        return discovery;
    }

    /** The signing key with this id; a token without one may use the provider's only key. */
    public Optional<PublicKey> key(String kid) throws OidcException {
        Optional<PublicKey> known = pick(keys, kid);
        if (known.isPresent()) {
            return known;
        }
        synchronized (this) {
            known = pick(keys, kid);
            if (known.isEmpty() && System.nanoTime() - keysFetched >= KEYS_REFETCH_AFTER.toNanos()) {
                keys = JsonWebKeys.signingKeys(get(discovery().keys(), "jwks"));
                keysFetched = System.nanoTime();
                known = pick(keys, kid);
            }
        }
        return known;
    }

    private static Optional<PublicKey> pick(Map<String, RSAPublicKey> keys, String kid) {
        if (JsonWebKeys.NO_KID.equals(kid) && keys.size() == 1) {
            return Optional.of(keys.values().iterator().next());
        }
        return Optional.ofNullable(keys.get(kid));
    }

    /** Exchanges the authorization code for the provider's answer, of which the archive uses the ID token. */
    public String exchange(String code, String verifier, String redirectUri) throws OidcException {
        Discovery discovery = discovery();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        HttpRequest.Builder request = HttpRequest.newBuilder(discovery.token()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        Optional<String> secret = settings.oidcClientSecret();
        if (secret.isPresent() && !discovery.secretInBody()) {
            // RFC 6749 2.3.1: both parts are form-encoded before they are joined for Basic.
            String pair = encode(clientId()) + ":" + encode(secret.get());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", clientId());
            secret.ifPresent(value -> form.put("client_secret", value));
        }
        String body = form.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        JsonNode answer = send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), "token");
        String idToken = IdTokenVerifier.string(answer, "id_token", null);
        if (idToken == null) {
            throw new OidcException("token", "the token endpoint answered without an ID token");
        }
        return idToken;
    }

    private JsonNode get(URI uri, String step) throws OidcException {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build(), step);
    }

    private JsonNode send(HttpRequest request, String step) throws OidcException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OidcException(step, "the OpenID provider is not reachable at " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OidcException(step, "interrupted while waiting for the OpenID provider", e);
        }
        if (response.statusCode() != 200) {
            throw new OidcException(step, request.uri() + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        JsonNode answer;
        try {
            answer = ExactJson.READER.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new OidcException(step, request.uri() + " did not answer with a JSON object", e);
        }
        if (!answer.isObject()) {
            throw new OidcException(step, request.uri() + " did not answer with a JSON object");
        }
        return answer;
    }

    private static URI endpoint(JsonNode document, String name) throws OidcException {
        String value = IdTokenVerifier.string(document, name, null);
        if (value == null) {
            throw new OidcException("discovery", "the discovery document names no " + name);
        }
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new OidcException("discovery", "the discovery document's " + name + " is not a URI", e);
        }
    }

    private static boolean contains(JsonNode values, String wanted) {
        return values.valueStream().anyMatch(value -> value.isTextual() && value.textValue().equals(wanted));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

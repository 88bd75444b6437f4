package cn.insurer.archive.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small OpenID provider in the test JVM, at the issuer the test server was configured with:
 * discovery, a JWK set with a freshly generated RSA key, an authorization endpoint that signs in
 * whoever the test names and redirects back with a code, and a token endpoint that checks the
 * client's secret, the redirect URI and the PKCE verifier before it returns an RS256 ID token. The
 * test can ask it to misbehave in the ways a forged or misdirected token would.
 */
final class OidcTestProvider implements AutoCloseable {

    /** How the next ID token deviates from an honest one. */
    enum Mischief {
        NONE,
        /** Signed for one user, then changed to name another. */
        TAMPERED_PAYLOAD,
        /** Signed by a key the provider never published, under the published key's id. */
        FOREIGN_KEY,
        WRONG_NONCE,
        WRONG_AUDIENCE,
        WRONG_ISSUER,
        EXPIRED
    }

    private record Grant(String username, String nonce, String challenge, String redirectUri, Mischief mischief,
                         String tamperedUsername) {
    }

    private final HttpServer server;
    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final KeyPair key = rsa();
    private final KeyPair foreignKey = rsa();
    private final String kid = UUID.randomUUID().toString();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Set<String> verifiedChallenges = ConcurrentHashMap.newKeySet();

    private volatile String nextUser;
    private volatile Mischief mischief = Mischief.NONE;
    private volatile String tamperedUsername;

    private OidcTestProvider(HttpServer server, String issuer, String clientId, String clientSecret) {
        this.server = server;
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Starts at the port and issuer the test environment gave the server. */
    static OidcTestProvider start() throws IOException {
        String issuer = System.getProperty("it.oidc.issuer");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.getInteger("it.oidc.port")), 16);
        OidcTestProvider provider = new OidcTestProvider(server, issuer, System.getProperty("it.oidc.client.id"),
                System.getProperty("it.oidc.client.secret"));
        String base = URI.create(issuer).getPath();
        server.createContext(base + "/.well-known/openid-configuration", provider::discovery);
        server.createContext(base + "/jwks", provider::jwks);
        server.createContext(base + "/auth", provider::authorize);
        server.createContext(base + "/token", provider::token);
        server.start();
        return provider;
    }

    /** The next sign-in at the provider is this person's, with the ID token as asked. */
    void signInNext(String username, Mischief how) {
        signInNext(username, how, null);
    }

    /** For {@link Mischief#TAMPERED_PAYLOAD}: the name the token is changed to after signing. */
    void signInNext(String username, Mischief how, String tamperedTo) {
        nextUser = username;
        mischief = how;
        tamperedUsername = tamperedTo;
    }

    /** Whether the archive proved the code with the verifier whose S256 challenge it sent. */
    boolean pkceVerified(String challenge) {
        return verifiedChallenges.contains(challenge);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        ObjectNode document = ApiClient.object().put("issuer", issuer)
                .put("authorization_endpoint", issuer + "/auth").put("token_endpoint", issuer + "/token")
                .put("jwks_uri", issuer + "/jwks");
        document.putArray("response_types_supported").add("code");
        document.putArray("subject_types_supported").add("public");
        document.putArray("id_token_signing_alg_values_supported").add("RS256");
        document.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic");
        document.putArray("code_challenge_methods_supported").add("S256");
        json(exchange, 200, document);
    }

    private void jwks(HttpExchange exchange) throws IOException {
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        ObjectNode set = ApiClient.object();
        set.putArray("keys").addObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
                .put("n", base64(unsigned(publicKey.getModulus().toByteArray())))
                .put("e", base64(unsigned(publicKey.getPublicExponent().toByteArray())));
        json(exchange, 200, set);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String redirectUri = query.get("redirect_uri");
        if (!"code".equals(query.get("response_type")) || !clientId.equals(query.get("client_id")) || redirectUri == null
                || query.get("state") == null || query.get("nonce") == null || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null || !query.getOrDefault("scope", "").contains("openid")
                || nextUser == null) {
            json(exchange, 400, ApiClient.object().put("error", "invalid_request").put("query", query.toString()));
            return;
        }
        String code = UUID.randomUUID().toString();
        grants.put(code, new Grant(nextUser, query.get("nonce"), query.get("code_challenge"), redirectUri, mischief,
                tamperedUsername));
        nextUser = null;
        exchange.getResponseHeaders().add("Location", redirectUri + "?code=" + code + "&state="
                + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        if (!"POST".equals(exchange.getRequestMethod())
                || !expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(exchange, 401, ApiClient.object().put("error", "invalid_client"));
            return;
        }
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = body.get("code") == null ? null : grants.remove(body.get("code"));
        if (!"authorization_code".equals(body.get("grant_type")) || grant == null
                || !grant.redirectUri().equals(body.get("redirect_uri")) || body.get("code_verifier") == null
                || !grant.challenge().equals(s256(body.get("code_verifier")))) {
            json(exchange, 400, ApiClient.object().put("error", "invalid_grant"));
            return;
        }
        verifiedChallenges.add(grant.challenge());
        json(exchange, 200, ApiClient.object().put("access_token", UUID.randomUUID().toString())
                .put("token_type", "Bearer").put("expires_in", 300).put("id_token", idToken(grant)));
    }

    private String idToken(Grant grant) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = ApiClient.object()
                .put("iss", grant.mischief() == Mischief.WRONG_ISSUER ? issuer + "-other" : issuer)
                .put("sub", UUID.nameUUIDFromBytes(grant.username().getBytes(StandardCharsets.UTF_8)).toString())
                .put("aud", grant.mischief() == Mischief.WRONG_AUDIENCE ? "another-application" : clientId)
                .put("azp", grant.mischief() == Mischief.WRONG_AUDIENCE ? "another-application" : clientId)
                .put("iat", grant.mischief() == Mischief.EXPIRED ? now - 3600 : now)
                .put("exp", grant.mischief() == Mischief.EXPIRED ? now - 1800 : now + 300)
                .put("nonce", grant.mischief() == Mischief.WRONG_NONCE ? "not-" + grant.nonce() : grant.nonce())
                .put("preferred_username", grant.username())
                .put("name", "单位账号 " + grant.username());
        String header = base64(ApiClient.object().put("alg", "RS256").put("typ", "JWT").put("kid", kid).toString()
                .getBytes(StandardCharsets.UTF_8));
        String payload = base64(claims.toString().getBytes(StandardCharsets.UTF_8));
        PrivateKey signer = grant.mischief() == Mischief.FOREIGN_KEY ? foreignKey.getPrivate() : key.getPrivate();
        String signature = base64(sign(header + "." + payload, signer));
        if (grant.mischief() == Mischief.TAMPERED_PAYLOAD) {
            payload = base64(claims.put("preferred_username", grant.tamperedUsername()).toString()
                    .getBytes(StandardCharsets.UTF_8));
        }
        return header + "." + payload + "." + signature;
    }

    private static byte[] sign(String input, PrivateKey privateKey) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String s256(String verifier) {
        try {
            return base64(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWK's integers are unsigned big-endian, without the sign byte BigInteger adds. */
    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            values.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

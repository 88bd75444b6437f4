package cn.insurer.archive.access.oidc;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks an ID token the way OpenID Connect Core (3.1.3.7) asks: an RS256 signature by one of the
 * provider's keys, the provider as issuer, this client among the audience, not expired, and the
 * nonce this sign-in sent. Nothing in the token is believed before the signature holds.
 */
public final class IdTokenVerifier {

    static final String ALGORITHM = "RS256";
    /** Clocks of the provider and the archive may differ a little. */
    private static final Duration SKEW = Duration.ofSeconds(60);

    /** What this sign-in expects the token to say. */
    public record Expected(String issuer, String clientId, String nonce, String usernameClaim) {
    }

    /** The provider's key with this id, or, for a token naming none, its only one. */
    @FunctionalInterface
    public interface Keys {
        Optional<PublicKey> find(String kid) throws OidcException;
    }

    private final Clock clock;

    public IdTokenVerifier(Clock clock) {
        this.clock = clock;
    }

    /** The token's claims once every check has passed. */
    public JsonObject verify(String token, Keys keys, Expected expected) throws OidcException {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw new OidcException("malformed", "the ID token is not a signed JWT");
        }
        JsonObject header = json(parts[0]);
        JsonObject claims = json(parts[1]);
        String claimed = claims.getString(expected.usernameClaim(), null);
        if (!ALGORITHM.equals(header.getString("alg", null)) || header.containsKey("crit")) {
            throw new OidcException("algorithm", "the ID token is signed with " + header.get("alg") + ", not RS256",
                    claimed, null);
        }
        String kid = header.getString("kid", JsonWebKeys.NO_KID);
        PublicKey key = keys.find(kid).orElseThrow(() -> new OidcException("key",
                "the provider has no RS256 key " + kid, claimed, null));
        if (!signed(parts, key)) {
            throw new OidcException("signature", "the ID token's signature does not hold", claimed, null);
        }
        if (!expected.issuer().equals(claims.getString("iss", null))) {
            throw new OidcException("issuer", "the ID token was issued by " + claims.get("iss"), claimed, null);
        }
        if (!audienceIncludes(claims, expected.clientId())) {
            throw new OidcException("audience", "the ID token is meant for " + claims.get("aud"), claimed, null);
        }
        Instant now = clock.instant();
        Instant expires = instant(claims, "exp").orElseThrow(() -> new OidcException("expiry",
                "the ID token has no expiry", claimed, null));
        if (!now.isBefore(expires.plus(SKEW))) {
            throw new OidcException("expiry", "the ID token expired at " + expires, claimed, null);
        }
        Optional<Instant> issued = instant(claims, "iat");
        if (issued.isPresent() && issued.get().isAfter(now.plus(SKEW))) {
            throw new OidcException("expiry", "the ID token was issued in the future, at " + issued.get(), claimed, null);
        }
        if (!constantTimeEquals(expected.nonce(), claims.getString("nonce", null))) {
            throw new OidcException("nonce", "the ID token does not carry this sign-in's nonce", claimed, null);
        }
        return claims;
    }

    private static boolean signed(String[] parts, PublicKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** With several audiences the authorized party, when named, must be this client too. */
    private static boolean audienceIncludes(JsonObject claims, String clientId) {
        JsonValue audience = claims.get("aud");
        boolean included;
        int count;
        if (audience instanceof JsonString single) {
            included = single.getString().equals(clientId);
            count = 1;
        } else if (audience != null && audience.getValueType() == JsonValue.ValueType.ARRAY) {
            included = audience.asJsonArray().stream()
                    .anyMatch(value -> value instanceof JsonString name && name.getString().equals(clientId));
            count = audience.asJsonArray().size();
        } else {
            return false;
        }
        String authorized = claims.getString("azp", null);
        if (!included) {
            return false;
        }
        return authorized == null ? count == 1 : authorized.equals(clientId);
    }

    private static Optional<Instant> instant(JsonObject claims, String name) {
        JsonValue value = claims.get(name);
        return value instanceof JsonNumber number ? Optional.of(Instant.ofEpochSecond(number.longValue())) : Optional.empty();
    }

    static boolean constantTimeEquals(String expected, String actual) {
        return expected != null && actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject json(String part) throws OidcException {
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (IllegalArgumentException | JsonException e) {
            throw new OidcException("malformed", "the ID token is not a signed JWT", e);
        }
    }
}

package cn.insurer.archive.access.oidc;

import cn.insurer.archive.platform.ExactJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
    public JsonNode verify(String token, Keys keys, Expected expected) throws OidcException {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw new OidcException("malformed", "the ID token is not a signed JWT");
        }
        JsonNode header = json(parts[0]);
        JsonNode claims = json(parts[1]);
        String claimed = string(claims, expected.usernameClaim(), null);
        if (!ALGORITHM.equals(string(header, "alg", null)) || header.has("crit")) {
            throw new OidcException("algorithm", "the ID token is signed with " + header.get("alg") + ", not RS256",
                    claimed, null);
        }
        String kid = string(header, "kid", JsonWebKeys.NO_KID);
        PublicKey key = keys.find(kid).orElseThrow(() -> new OidcException("key",
                "the provider has no RS256 key " + kid, claimed, null));
        if (!signed(parts, key)) {
            throw new OidcException("signature", "the ID token's signature does not hold", claimed, null);
        }
        if (!expected.issuer().equals(string(claims, "iss", null))) {
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
        if (!constantTimeEquals(expected.nonce(), string(claims, "nonce", null))) {
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
    private static boolean audienceIncludes(JsonNode claims, String clientId) {
        JsonNode audience = claims.get("aud");
        boolean included;
        int count;
        if (audience != null && audience.isTextual()) {
            included = audience.textValue().equals(clientId);
            count = 1;
        } else if (audience != null && audience.isArray()) {
            included = audience.valueStream().anyMatch(name -> name.isTextual() && name.textValue().equals(clientId));
            count = audience.size();
        } else {
            return false;
        }
        String authorized = string(claims, "azp", null);
        if (!included) {
            return false;
        }
        return authorized == null ? count == 1 : authorized.equals(clientId);
    }

    /** A NumericDate may carry a fraction of a second (RFC 7519), which does not matter here. */
    private static Optional<Instant> instant(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isNumber() ? Optional.of(Instant.ofEpochSecond(value.longValue())) : Optional.empty();
    }

    /** The member's text, or {@code otherwise} when it is absent or not a string: a number or list names nothing. */
    static String string(JsonNode object, String name, String otherwise) {
        JsonNode value = object.get(name);
        return value != null && value.isTextual() ? value.textValue() : otherwise;
    }

    static boolean constantTimeEquals(String expected, String actual) {
        return expected != null && actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String part) throws OidcException {
        JsonNode json;
        try {
            json = ExactJson.READER.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new OidcException("malformed", "the ID token is not a signed JWT", e);
        }
        if (!json.isObject()) {
            throw new OidcException("malformed", "the ID token is not a signed JWT");
        }
        return json;
    }
}

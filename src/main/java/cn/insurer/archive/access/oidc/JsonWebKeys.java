package cn.insurer.archive.access.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The provider's signing keys from its JWK set: RSA keys meant for signatures, by key id. */
final class JsonWebKeys {

    /** Shorter RSA keys are no longer a safe signature. */
    static final int MIN_MODULUS_BITS = 2048;
    /** The key of a JWK without a {@code kid}, chosen when a token names none either. */
    static final String NO_KID = "";

    private JsonWebKeys() {
    }

    static Map<String, RSAPublicKey> signingKeys(JsonNode set) throws OidcException {
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        JsonNode listed = set.get("keys");
        if (listed == null || !listed.isArray()) {
            throw new OidcException("jwks", "the JWK set has no keys array");
        }
        for (JsonNode jwk : listed) {
            if (!jwk.isObject()) {
                continue;
            }
            if (!"RSA".equals(IdTokenVerifier.string(jwk, "kty", null))
                    || !"sig".equals(IdTokenVerifier.string(jwk, "use", "sig"))
                    || !IdTokenVerifier.ALGORITHM.equals(IdTokenVerifier.string(jwk, "alg", IdTokenVerifier.ALGORITHM))
                    || !jwk.has("n") || !jwk.has("e")) {
                continue;
            }
            RSAPublicKey key = rsa(IdTokenVerifier.string(jwk, "n", ""), IdTokenVerifier.string(jwk, "e", ""));
            if (key != null && key.getModulus().bitLength() >= MIN_MODULUS_BITS) {
                keys.put(IdTokenVerifier.string(jwk, "kid", NO_KID), key);
            }
        }
        return keys;
    }

    private static RSAPublicKey rsa(String modulus, String exponent) {
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            RSAPublicKeySpec spec = new RSAPublicKeySpec(new BigInteger(1, decoder.decode(modulus)),
                    new BigInteger(1, decoder.decode(exponent)));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // One malformed key must not take the provider's other keys with it.
            return null;
        }
    }
}

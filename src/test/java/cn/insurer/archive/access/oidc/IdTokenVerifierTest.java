package cn.insurer.archive.access.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdTokenVerifierTest {

    private static final String ISSUER = "https://sso.example.cn/realms/insurer";
    private static final String CLIENT = "archive-desk";
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final IdTokenVerifier.Expected EXPECTED =
            new IdTokenVerifier.Expected(ISSUER, CLIENT, "nonce-1", "preferred_username");

    private static KeyPair key;
    private static KeyPair other;
    private final IdTokenVerifier verifier = new IdTokenVerifier(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        other = generator.generateKeyPair();
    }

    private static JsonObjectBuilder claims() {
        return Json.createObjectBuilder().add("iss", ISSUER).add("sub", "u-1").add("aud", CLIENT)
                .add("exp", NOW.getEpochSecond() + 300).add("iat", NOW.getEpochSecond()).add("nonce", "nonce-1")
                .add("preferred_username", "wangfang");
    }

    private static String token(JsonObject header, JsonObject claims, PrivateKey signer) throws Exception {
        String signed = base64(header.toString()) + "." + base64(claims.toString());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(signer);
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    private static String token(JsonObject claims) throws Exception {
        return token(Json.createObjectBuilder().add("alg", "RS256").add("kid", "k1").build(), claims, key.getPrivate());
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private JsonObject verify(String token) throws OidcException {
        return verifier.verify(token, kid -> kid.equals("k1") ? Optional.of(key.getPublic()) : Optional.empty(), EXPECTED);
    }

    private String refusal(String token) {
        return assertThrows(OidcException.class, () -> verify(token)).reason();
    }

    @Test
    void anHonestTokenYieldsItsClaims() throws Exception {
        assertEquals("wangfang", verify(token(claims().build())).getString("preferred_username"));
        JsonObject severalAudiences = claims().add("aud", Json.createArrayBuilder().add("account").add(CLIENT))
                .add("azp", CLIENT).build();
        assertEquals("u-1", verify(token(severalAudiences)).getString("sub"));
    }

    @Test
    void aChangedPayloadOrAnotherKeyBreaksTheSignature() throws Exception {
        String honest = token(claims().build());
        String[] parts = honest.split("\\.");
        String forged = parts[0] + "." + base64(claims().add("preferred_username", "admin").build().toString()) + "." + parts[2];
        OidcException tampered = assertThrows(OidcException.class, () -> verify(forged));
        assertEquals("signature", tampered.reason());
        assertEquals("admin", tampered.claimedUser());
        assertEquals("signature", refusal(token(Json.createObjectBuilder().add("alg", "RS256").add("kid", "k1").build(),
                claims().build(), other.getPrivate())));
        assertEquals("key", refusal(token(Json.createObjectBuilder().add("alg", "RS256").add("kid", "k2").build(),
                claims().build(), key.getPrivate())));
    }

    @Test
    void onlyRs256IsAccepted() throws Exception {
        String unsigned = base64("{\"alg\":\"none\"}") + "." + base64(claims().build().toString()) + ".";
        assertEquals("algorithm", refusal(unsigned));
        assertEquals("algorithm", refusal(token(Json.createObjectBuilder().add("alg", "HS256").add("kid", "k1").build(),
                claims().build(), key.getPrivate())));
        assertEquals("malformed", refusal("not-a-token"));
    }

    @Test
    void issuerAudienceExpiryAndNonceMustMatch() throws Exception {
        assertEquals("issuer", refusal(token(claims().add("iss", ISSUER + "/other").build())));
        assertEquals("audience", refusal(token(claims().add("aud", "another-app").build())));
        assertEquals("audience", refusal(token(claims().add("aud", Json.createArrayBuilder().add("account").add(CLIENT)).build())));
        assertEquals("audience", refusal(token(claims().add("aud", Json.createArrayBuilder().add(CLIENT))
                .add("azp", "another-app").build())));
        assertEquals("expiry", refusal(token(claims().add("exp", NOW.getEpochSecond() - 61).build())));
        assertEquals("expiry", refusal(token(claims().add("iat", NOW.getEpochSecond() + 600).build())));
        assertEquals("expiry", refusal(token(claims().remove("exp").build())));
        assertEquals("nonce", refusal(token(claims().add("nonce", "nonce-2").build())));
        assertEquals("nonce", refusal(token(claims().remove("nonce").build())));
        // A minute of clock difference between provider and archive is tolerated.
        assertEquals("wangfang", verify(token(claims().add("exp", NOW.getEpochSecond() - 30).build()))
                .getString("preferred_username"));
    }

    @Test
    void theKeySetKeepsOnlyLongEnoughRsaSigningKeys() throws Exception {
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        RSAPublicKey shortKey = (RSAPublicKey) generator.generateKeyPair().getPublic();
        JsonObject set = Json.createObjectBuilder().add("keys", Json.createArrayBuilder()
                .add(jwk("k1", publicKey).add("use", "sig"))
                .add(jwk("short", shortKey))
                .add(jwk("enc", publicKey).add("use", "enc"))
                .add(Json.createObjectBuilder().add("kty", "EC").add("kid", "ec"))).build();
        Map<String, RSAPublicKey> keys = JsonWebKeys.signingKeys(set);
        assertEquals(java.util.Set.of("k1"), keys.keySet());
        assertEquals(publicKey.getModulus(), keys.get("k1").getModulus());
        assertTrue(assertThrows(OidcException.class, () -> JsonWebKeys.signingKeys(Json.createObjectBuilder().build()))
                .reason().equals("jwks"));
    }

    @Test
    void theCodeChallengeIsTheVerifiersSha256() {
        // RFC 7636 appendix B.
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                OidcLogin.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    private static JsonObjectBuilder jwk(String kid, RSAPublicKey key) {
        return Json.createObjectBuilder().add("kty", "RSA").add("kid", kid)
                .add("n", unsigned(key.getModulus().toByteArray())).add("e", unsigned(key.getPublicExponent().toByteArray()));
    }

    private static String unsigned(byte[] bytes) {
        byte[] value = bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}

package cn.insurer.archive.access.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private static final ObjectMapper JSON = new ObjectMapper();
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

    private static ObjectNode claims() {
        return JSON.createObjectNode().put("iss", ISSUER).put("sub", "u-1").put("aud", CLIENT)
                .put("exp", NOW.getEpochSecond() + 300).put("iat", NOW.getEpochSecond()).put("nonce", "nonce-1")
                .put("preferred_username", "wangfang");
    }

    private static ObjectNode header(String alg, String kid) {
        return JSON.createObjectNode().put("alg", alg).put("kid", kid);
    }

    private static ObjectNode audiences(ObjectNode claims, String... audiences) {
        ArrayNode list = claims.putArray("aud");
        for (String audience : audiences) {
            list.add(audience);
        }
        return claims;
    }

    private static String token(JsonNode header, JsonNode claims, PrivateKey signer) throws Exception {
        String signed = base64(header.toString()) + "." + base64(claims.toString());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(signer);
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    private static String token(JsonNode claims) throws Exception {
        return token(header("RS256", "k1"), claims, key.getPrivate());
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode verify(String token) throws OidcException {
        return verifier.verify(token, kid -> kid.equals("k1") ? Optional.of(key.getPublic()) : Optional.empty(), EXPECTED);
    }

    private String refusal(String token) {
        return assertThrows(OidcException.class, () -> verify(token)).reason();
    }

    @Test
    void anHonestTokenYieldsItsClaims() throws Exception {
        assertEquals("wangfang", verify(token(claims())).get("preferred_username").textValue());
        JsonNode severalAudiences = audiences(claims(), "account", CLIENT).put("azp", CLIENT);
        assertEquals("u-1", verify(token(severalAudiences)).get("sub").textValue());
    }

    @Test
    void aChangedPayloadOrAnotherKeyBreaksTheSignature() throws Exception {
        String honest = token(claims());
        String[] parts = honest.split("\\.");
        String forged = parts[0] + "." + base64(claims().put("preferred_username", "admin").toString()) + "." + parts[2];
        OidcException tampered = assertThrows(OidcException.class, () -> verify(forged));
        assertEquals("signature", tampered.reason());
        assertEquals("admin", tampered.claimedUser());
        assertEquals("signature", refusal(token(header("RS256", "k1"), claims(), other.getPrivate())));
        assertEquals("key", refusal(token(header("RS256", "k2"), claims(), key.getPrivate())));
    }

    @Test
    void onlyRs256IsAccepted() throws Exception {
        String unsigned = base64("{\"alg\":\"none\"}") + "." + base64(claims().toString()) + ".";
        assertEquals("algorithm", refusal(unsigned));
        assertEquals("algorithm", refusal(token(header("HS256", "k1"), claims(), key.getPrivate())));
        assertEquals("malformed", refusal("not-a-token"));
    }

    @Test
    void claimsThatAreNoJsonObjectOrOfTheWrongTypeAreRefused() throws Exception {
        String header = base64(header("RS256", "k1").toString());
        assertEquals("malformed", refusal(header + "." + base64("[\"iss\"]") + ".c2ln"));
        assertEquals("malformed", refusal(header + "." + base64("{\"iss\":") + ".c2ln"));
        assertEquals("malformed", refusal(header + "." + base64("") + ".c2ln"));
        assertEquals("malformed", refusal(header + ".not*base64.c2ln"));
        assertEquals("issuer", refusal(token(claims().put("iss", 1))));
        assertEquals("audience", refusal(token(claims().put("aud", 7))));
        assertEquals("expiry", refusal(token(claims().put("exp", String.valueOf(NOW.getEpochSecond() + 300)))));
        assertEquals("nonce", refusal(token(claims().putNull("nonce"))));
        // NumericDate may carry a fraction; it is read as the whole second before it.
        assertEquals("expiry", refusal(token(claims().put("exp", new java.math.BigDecimal((NOW.getEpochSecond() - 60) + ".9999999999")))));
        assertEquals("u-1", verify(token(claims().put("exp", new java.math.BigDecimal((NOW.getEpochSecond() - 59) + ".5")))).get("sub").textValue());
    }

    @Test
    void issuerAudienceExpiryAndNonceMustMatch() throws Exception {
        assertEquals("issuer", refusal(token(claims().put("iss", ISSUER + "/other"))));
        assertEquals("audience", refusal(token(claims().put("aud", "another-app"))));
        assertEquals("audience", refusal(token(audiences(claims(), "account", CLIENT))));
        assertEquals("audience", refusal(token(audiences(claims(), CLIENT).put("azp", "another-app"))));
        assertEquals("expiry", refusal(token(claims().put("exp", NOW.getEpochSecond() - 61))));
        assertEquals("expiry", refusal(token(claims().put("iat", NOW.getEpochSecond() + 600))));
        assertEquals("expiry", refusal(token(claims().without("exp"))));
        assertEquals("nonce", refusal(token(claims().put("nonce", "nonce-2"))));
        assertEquals("nonce", refusal(token(claims().without("nonce"))));
        // A minute of clock difference between provider and archive is tolerated.
        assertEquals("wangfang", verify(token(claims().put("exp", NOW.getEpochSecond() - 30)))
                .get("preferred_username").textValue());
    }

    @Test
    void theKeySetKeepsOnlyLongEnoughRsaSigningKeys() throws Exception {
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        RSAPublicKey shortKey = (RSAPublicKey) generator.generateKeyPair().getPublic();
        ObjectNode set = JSON.createObjectNode();
        set.putArray("keys")
                .add(jwk("k1", publicKey).put("use", "sig"))
                .add(jwk("short", shortKey))
                .add(jwk("enc", publicKey).put("use", "enc"))
                .add(JSON.createObjectNode().put("kty", "EC").put("kid", "ec"));
        Map<String, RSAPublicKey> keys = JsonWebKeys.signingKeys(set);
        assertEquals(java.util.Set.of("k1"), keys.keySet());
        assertEquals(publicKey.getModulus(), keys.get("k1").getModulus());
        assertTrue(assertThrows(OidcException.class, () -> JsonWebKeys.signingKeys(JSON.createObjectNode()))
                .reason().equals("jwks"));
    }

    @Test
    void theCodeChallengeIsTheVerifiersSha256() {
        // RFC 7636 appendix B.
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                OidcLogin.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    private static ObjectNode jwk(String kid, RSAPublicKey key) {
        return JSON.createObjectNode().put("kty", "RSA").put("kid", kid)
                .put("n", unsigned(key.getModulus().toByteArray())).put("e", unsigned(key.getPublicExponent().toByteArray()));
    }

    private static String unsigned(byte[] bytes) {
        byte[] value = bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}

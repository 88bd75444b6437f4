package cn.insurer.archive.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        String hash = hasher.hash("理赔档案 correct horse".toCharArray());
        assertTrue(hash.startsWith("pbkdf2-sha256$310000$"), hash);
        assertTrue(hasher.matches("理赔档案 correct horse".toCharArray(), hash));
        assertFalse(hasher.matches("理赔档案 correct horsE".toCharArray(), hash));
    }

    @Test
    void saltsDifferSoEqualPasswordsHaveDifferentHashes() {
        assertNotEquals(hasher.hash("same password".toCharArray()), hasher.hash("same password".toCharArray()));
    }

    @Test
    void foreignOrBrokenHashesNeverMatch() {
        assertFalse(hasher.matches("x".toCharArray(), "md5$abc"));
        assertFalse(hasher.matches("x".toCharArray(), ""));
        assertFalse(hasher.matches("x".toCharArray(), Credentials.UNKNOWN_USER_HASH));
    }
}

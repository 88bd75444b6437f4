package cn.insurer.archive.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

    private static final Instant AT = Instant.parse("2025-03-31T08:00:00.123456789Z");

    @Test
    void theFormIsLengthPrefixedAndStoredAtMicrosecondPrecision() {
        assertEquals("1:7;27:2025-03-31T08:00:00.123456Z;5:clerk;15:DOSSIER_CREATED;-:;7:SUCCESS;9:127.0.0.1;2:{};3:abc;",
                CanonicalForm.of(7, AT, "clerk", "DOSSIER_CREATED", null, "SUCCESS", "127.0.0.1", "{}", "abc"));
    }

    @Test
    void theHashIsSha256OfTheForm() {
        assertEquals(64, CanonicalForm.hash(1, AT, "a", "b", "c", "SUCCESS", null, "{}", CanonicalForm.GENESIS_HASH).length());
        assertEquals(CanonicalForm.sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void movingTextBetweenFieldsOrNullForEmptyChangesTheHash() {
        String base = CanonicalForm.hash(1, AT, "ab", "c", null, "SUCCESS", null, "{}", "p");
        assertNotEquals(base, CanonicalForm.hash(1, AT, "a", "bc", null, "SUCCESS", null, "{}", "p"));
        assertNotEquals(base, CanonicalForm.hash(1, AT, "ab", "c", "", "SUCCESS", null, "{}", "p"));
        assertNotEquals(base, CanonicalForm.hash(2, AT, "ab", "c", null, "SUCCESS", null, "{}", "p"));
        assertNotEquals(base, CanonicalForm.hash(1, AT, "ab", "c", null, "SUCCESS", null, "{}", "q"));
        assertEquals(base, CanonicalForm.hash(1, Instant.parse("2025-03-31T08:00:00.123456Z"), "ab", "c", null, "SUCCESS",
                null, "{}", "p"), "sub-microsecond differences are not stored and do not count");
    }
}

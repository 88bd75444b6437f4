package cn.insurer.archive.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BucketCopyTest {

    private static final String HASH = "1f60cd94490cb93fef15670e86b9c62f16a9376f42a6b4ab5f69758b2fed8f37";
    private static final String OTHER = "42d8a8d1413cdc7a0496947a2cf118e9b9ba8f31eba49676c62dc1fc17250351";

    @Test
    void aContentObjectIsDamagedWhenItsBytesNoLongerHashToItsName() {
        assertFalse(new BucketCopy.Entry("sha256/1f/" + HASH, 12, HASH).damaged());
        assertTrue(new BucketCopy.Entry("sha256/1f/" + HASH, 12, OTHER).damaged());
    }

    @Test
    void objectsNotNamedByTheirHashAreNeverDamaged() {
        assertFalse(new BucketCopy.Entry("exports/2026/batch.zip", 12, OTHER).damaged());
    }

    @Test
    void aManifestLineReadsBackAsTheEntryItCameFrom() {
        BucketCopy.Entry entry = new BucketCopy.Entry("sha256/1f/" + HASH, 12, OTHER);
        assertEquals(entry, BucketCopy.Entry.parse(entry.line()));
    }

    @Test
    void noKeyClimbsOutOfTheBackupFolder() {
        Path folder = Path.of("/backup/objects");
        assertEquals(folder.resolve("sha256/1f/" + HASH), BucketCopy.inside(folder, "sha256/1f/" + HASH));
        assertThrows(IllegalArgumentException.class, () -> BucketCopy.inside(folder, "../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> BucketCopy.inside(folder, "/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> BucketCopy.inside(folder, "a/../../b"));
    }
}

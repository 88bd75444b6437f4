package cn.insurer.archive.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStagingTest {

    @TempDir
    Path dir;

    @Test
    void stagesTheBytesWithTheirHashAndSize() throws Exception {
        byte[] bytes = "赔款支付凭证 No. 42".getBytes(StandardCharsets.UTF_8);
        try (StagedFile staged = new UploadStaging(dir).stage(new ByteArrayInputStream(bytes), 1024)) {
            assertEquals(bytes.length, staged.size());
            assertArrayEquals(bytes, Files.readAllBytes(staged.path()));
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), staged.hash().hex());
            assertEquals("sha256/" + staged.hash().hex().substring(0, 2) + "/" + staged.hash().hex(), staged.hash().objectKey());
        }
        assertEquals(0, count(dir), "closing the staged file removes it");
    }

    @Test
    void overTheLimitLeavesNothingBehind() throws Exception {
        UploadStaging staging = new UploadStaging(dir);
        UploadTooLargeException tooLarge = assertThrows(UploadTooLargeException.class,
                () -> staging.stage(new ByteArrayInputStream(new byte[1025]), 1024));
        assertEquals(1024, tooLarge.limit());
        assertEquals(0, count(dir));
    }

    @Test
    void contentHashesAreLowerCaseSha256Only() {
        assertThrows(IllegalArgumentException.class, () -> new ContentHash("ABC"));
        assertThrows(IllegalArgumentException.class, () -> new ContentHash("../" + "a".repeat(61)));
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}

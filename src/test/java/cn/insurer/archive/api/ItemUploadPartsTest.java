package cn.insurer.archive.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ItemUploadPartsTest {

    @Test
    void fileNamesLoseTheirPathsAndControlCharacters() {
        assertEquals("passwd", ItemUploadParts.safeFileName("../../etc/passwd"));
        assertEquals("报案记录.pdf", ItemUploadParts.safeFileName("C:\\Users\\张伟\\报案记录.pdf"));
        assertEquals("a.txt", ItemUploadParts.safeFileName("a\u0000.txt"));
        assertEquals("unnamed", ItemUploadParts.safeFileName(".."));
        assertEquals("unnamed", ItemUploadParts.safeFileName("dir/"));
        assertEquals("unnamed", ItemUploadParts.safeFileName(null));
        assertEquals(255, ItemUploadParts.safeFileName("x".repeat(400) + ".pdf").length());
    }
}

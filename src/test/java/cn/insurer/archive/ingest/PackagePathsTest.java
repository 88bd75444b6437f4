package cn.insurer.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackagePathsTest {

    @Test
    void plainRelativePathsAreNormalized() {
        assertEquals(Optional.of("scans/a.pdf"), PackagePaths.normalize("scans/a.pdf"));
        assertEquals(Optional.of("scans/a.pdf"), PackagePaths.normalize("./scans//a.pdf"));
        assertEquals(Optional.of("scans/理赔/a.pdf"), PackagePaths.normalize("scans\\理赔\\a.pdf"));
    }

    @Test
    void traversalAbsoluteDriveAndControlCharactersAreRefused() {
        for (String hostile : new String[] {"../a.pdf", "scans/../../a.pdf", "/etc/passwd", "\\\\server\\share\\a",
                "C:\\Windows\\win.ini", "c:a.txt", "a\u0000.pdf", "scans/a\n.pdf", "a\uFFFF.pdf", "a\uD800.pdf", "a\u0085.pdf", "", " ", ".", "./", "x".repeat(1001)}) {
            assertEquals(Optional.empty(), PackagePaths.normalize(hostile), hostile);
        }
    }
}

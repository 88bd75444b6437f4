package cn.insurer.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap an XLSX manifest needs does not grow with the sheet: a ledger of 200,000 rows (POI's
 * workbook model needs well over a gigabyte for it) is read in a JVM of 64 MiB, up to the row limit.
 * A child JVM with a small heap is the measure because it cannot be flaky: the reading either fits
 * or fails with an OutOfMemoryError, whatever the garbage collector of this JVM happens to do.
 */
class XlsxHeapTest {

    private static final String HEAP = "-Xmx64m";

    @TempDir
    static Path temp;

    private static Path ledger;

    @BeforeAll
    static void ledger() throws IOException {
        ledger = temp.resolve("ledger.xlsx");
        XlsxManifestTest.ledger(ledger, 200_000);
    }

    private static List<String> probe(int maxRows) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path output = Files.createTempFile(temp, "probe-", ".txt");
        Path work = Files.createDirectories(temp.resolve("work-" + maxRows));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+UseSerialGC", "-cp", classPath, XlsxHeapProbe.class.getName(), ledger.toString(), work.toString(),
                Integer.toString(maxRows))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the probe finishes");
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), () -> String.join("\n", lines));
        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "temporary files are removed");
        }
        System.out.println("XLSX manifest of 200,000 rows, row limit " + maxRows + ", " + HEAP + ": " + lines);
        return lines;
    }

    @Test
    void aLedgerOf200000RowsIsReadUpToTheRowLimitInA64MiBHeap() throws Exception {
        assertTrue(Files.size(ledger) > 4 * 1024 * 1024, "the file is larger than the one that took the server down");
        List<String> lines = probe(1_000);
        assertTrue(lines.contains("rows=1000"), lines::toString);
        assertTrue(lines.contains("last=1001"), lines::toString);
        assertTrue(lines.contains("problem=1002 The manifest has more than 1,000 rows; rows from here on were not imported."),
                lines::toString);
    }
}

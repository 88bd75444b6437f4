package cn.insurer.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipEntryCountTest {

    @TempDir
    Path dir;

    private Path zip(int entries, String comment) throws IOException {
        Path file = dir.resolve(entries + ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            if (comment != null) {
                zip.setComment(comment);
            }
            for (int i = 0; i < entries; i++) {
                zip.putNextEntry(new ZipEntry("e" + i));
                zip.write(("entry " + i).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void readsTheCountFromTheEndRecord() throws IOException {
        assertEquals(OptionalLong.of(3), ZipEntryCount.declared(zip(3, null)));
        assertEquals(OptionalLong.of(0), ZipEntryCount.declared(zip(0, null)));
    }

    @Test
    void readsTheSizeOfTheCentralDirectory() throws IOException {
        // One central directory header is 46 bytes and the name: "e0".."e2" are two bytes each.
        assertEquals(3 * (46 + 2), ZipEntryCount.end(zip(3, null)).orElseThrow().directoryBytes());
    }

    @Test
    void findsTheEndRecordBehindAComment() throws IOException {
        assertEquals(OptionalLong.of(5), ZipEntryCount.declared(zip(5, "档案 comment ".repeat(1000))));
    }

    @Test
    void readsTheZip64RecordWhenTheCountDoesNotFitSixteenBits() throws IOException {
        assertEquals(OptionalLong.of(70_000), ZipEntryCount.declared(zip(70_000, null)));
    }

    @Test
    void somethingThatIsNoZipDeclaresNothing() throws IOException {
        Path text = Files.writeString(dir.resolve("a.txt"), "not a zip at all");
        assertEquals(OptionalLong.empty(), ZipEntryCount.declared(text));
        assertEquals(OptionalLong.empty(), ZipEntryCount.declared(Files.write(dir.resolve("empty"), new byte[0])));
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A file larger than the server's whole heap (-Xmx1g) is accepted, stored and returned intact,
 * which only works if uploads and downloads stream. One byte over the configured limit is 413.
 */
class LargeUploadIT extends ServerTestBase {

    private static final long MIB = 1024 * 1024;

    @Test
    void aFileLargerThanTheHeapStreamsThroughAndTheLimitHolds() throws Exception {
        long limit = Long.parseLong(System.getProperty("archive.it.upload.max", "1258291200"));
        ApiClient clerk = Users.create("clerk", "INTERNAL", "档案室", "CLERK");
        String dossierId = Dossiers.create(clerk, Dossiers.claim("企业财产险", "理赔部", "INTERNAL")).get("id").asText();

        Path big = sparseFile(1100 * MIB);
        try {
            String expected = sha256(Files.newInputStream(big));
            ApiClient.Reply uploaded = clerk.upload(dossierId, big, "现场录像.bin", Dossiers.itemMetadata("现场录像", "SURVEY_VIDEO"));
            assertEquals(201, uploaded.status(), uploaded::toString);
            JsonNode item = uploaded.json();
            assertEquals(1100 * MIB, item.get("size").asLong());
            assertEquals(expected, item.get("sha256").asText());

            HttpResponse<InputStream> download = clerk.stream("/api/items/" + item.get("id").asText() + "/content");
            assertEquals(200, download.statusCode());
            assertEquals(expected, sha256(download.body()));
        } finally {
            Files.deleteIfExists(big);
        }

        Path tooBig = sparseFile(limit + 1);
        try {
            ApiClient.Reply refused = clerk.upload(dossierId, tooBig, "太大.bin", Dossiers.itemMetadata("太大", "SURVEY_VIDEO"));
            assertEquals(413, refused.status(), refused::toString);
            assertTrue(refused.contentType().startsWith("application/problem+json"));
        } finally {
            Files.deleteIfExists(tooBig);
        }
        assertEquals(1, clerk.get("/api/dossiers/" + dossierId).json().get("items").size());
        assertEquals("UP", anonymous().get("/health").json().get("status").asText());
    }

    /** A file of the given size that takes no disk space: the content is zeros with a marker at the end. */
    private static Path sparseFile(long size) throws Exception {
        Path file = Files.createTempFile("large-upload", ".bin");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            raf.seek(size - 8);
            raf.writeLong(System.nanoTime());
        }
        return file;
    }

    private static String sha256(InputStream in) throws Exception {
        try (DigestInputStream digest = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
            digest.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.getMessageDigest().digest());
        }
    }
}

package cn.insurer.archive.extraction;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.tika.Tika;
import org.apache.tika.io.TikaInputStream;

/**
 * Decides an upload's media type from its bytes and name, not from what the client claims: a
 * mislabelled file is recorded as what it is.
 */
@ApplicationScoped
public class MediaTypeDetector {

    private final Tika tika = new Tika();

    public String detect(Path file, String fileName) {
        // A file-backed TikaInputStream lets the detector open ZIP containers (DOCX, XLSX, ODT) properly.
        try (InputStream in = TikaInputStream.get(file)) {
            return tika.detect(in, fileName);
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    /** From the first bytes only: enough for the magic numbers of most formats. */
    public String detect(byte[] head, String fileName) {
        return tika.detect(head, fileName);
    }
}

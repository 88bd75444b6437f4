package cn.insurer.archive.custody;

import cn.insurer.archive.dossier.ExtractionState;
import cn.insurer.archive.extraction.MediaTypeDetector;
import cn.insurer.archive.platform.Sha256;
import cn.insurer.archive.storage.ContentHash;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Re-reads one object and hashes it. An item whose extraction succeeded has been opened by its
 * parser once, and unchanged bytes open again; only items never opened, or whose bytes changed,
 * have their media type detected afresh. Holds no state, so the sweep checks several objects at once.
 */
@ApplicationScoped
public class ContentHasher {

    private static final int HEAD = 64 * 1024;
    private static final int BUFFER = 1024 * 1024;
    private static final int SMALLEST_BUFFER = 8 * 1024;

    @Inject
    ObjectStore objectStore;

    @Inject
    MediaTypeDetector mediaTypes;

    public CheckedContent check(StoredContent content) throws IOException {
        ContentHash hash = new ContentHash(content.sha256());
        Optional<InputStream> opened = objectStore.openIfPresent(hash);
        if (opened.isEmpty()) {
            return new CheckedContent(content.sha256(), 0, content.items().stream()
                    .map(ref -> new Finding(FindingKind.MISSING, ref.itemId(), ref.dossierId(), hash.objectKey(), content.sha256(), null))
                    .toList());
        }
        boolean needsFile = content.items().stream().anyMatch(ref -> ref.extraction() != ExtractionState.DONE);
        Path copy = needsFile ? Files.createTempFile("custody-", ".bin") : null;
        try {
            Read read = read(opened.get(), copy, content.size());
            List<Finding> findings = new ArrayList<>();
            boolean intact = read.sha256().equals(content.sha256());
            for (StoredContent.Reference ref : content.items()) {
                if (!intact) {
                    findings.add(new Finding(FindingKind.INTEGRITY, ref.itemId(), ref.dossierId(), hash.objectKey(),
                            content.sha256(), read.sha256()));
                }
                String detected = !intact ? mediaTypes.detect(read.head(), ref.fileName())
                        : ref.extraction() != ExtractionState.DONE ? mediaTypes.detect(copy, ref.fileName()) : ref.mediaType();
                if (!baseType(detected).equals(baseType(ref.mediaType()))) {
                    findings.add(new Finding(FindingKind.USABILITY, ref.itemId(), ref.dossierId(), hash.objectKey(),
                            ref.mediaType(), detected));
                }
            }
            return new CheckedContent(content.sha256(), read.bytes(), findings);
        } finally {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }

    private record Read(String sha256, long bytes, byte[] head) {
    }

    /**
     * Buffers are sized to the recorded size: most stored objects are a few kilobytes, and a
     * megabyte allocated and zeroed for each of them cost the sweep more than hashing them did; so
     * did a head of 64 KiB kept for every object, which only a damaged one needs (to detect its
     * type). A recorded size that is wrong only makes the reading take more turns and the head grow.
     */
    private static Read read(InputStream stream, Path copy, long recordedSize) throws IOException {
        MessageDigest digest = Sha256.digest();
        int expected = (int) Math.max(SMALLEST_BUFFER, Math.min(BUFFER, recordedSize));
        byte[] head = new byte[(int) Math.max(0, Math.min(HEAD, recordedSize))];
        int headLength = 0;
        long bytes = 0;
        byte[] buffer = new byte[expected];
        try (InputStream in = stream; OutputStream out = copy == null ? OutputStream.nullOutputStream() : Files.newOutputStream(copy)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                if (headLength < HEAD) {
                    int take = Math.min(n, HEAD - headLength);
                    if (headLength + take > head.length) {
                        head = Arrays.copyOf(head, headLength + take);
                    }
                    System.arraycopy(buffer, 0, head, headLength, take);
                    headLength += take;
                }
                out.write(buffer, 0, n);
                bytes += n;
            }
        }
        return new Read(HexFormat.of().formatHex(digest.digest()), bytes,
                headLength == head.length ? head : Arrays.copyOf(head, headLength));
    }

    private static String baseType(String mediaType) {
        int parameters = mediaType.indexOf(';');
        return (parameters < 0 ? mediaType : mediaType.substring(0, parameters)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}

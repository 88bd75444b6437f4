package cn.insurer.archive.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Streams an upload to a temporary file while hashing it, so that a file of any size needs only a
 * small buffer of memory and is hashed in the same pass that stores it.
 */
public final class UploadStaging {

    private static final int BUFFER = 64 * 1024;

    private final Path directory;

    public UploadStaging(Path directory) {
        this.directory = directory;
    }

    public StagedFile stage(InputStream in, long maxBytes) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "upload-", ".bin");
        MessageDigest sha256 = sha256();
        long size = 0;
        boolean complete = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) != -1) {
                size += read;
                if (size > maxBytes) {
                    throw new UploadTooLargeException(maxBytes);
                }
                sha256.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
            complete = true;
        } finally {
            if (!complete) {
                Files.deleteIfExists(file);
            }
        }
        return new StagedFile(file, new ContentHash(HexFormat.of().formatHex(sha256.digest())), size);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package cn.insurer.archive.storage;

import cn.insurer.archive.platform.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
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
        Path file = createFile();
        MessageDigest sha256 = Sha256.digest();
        long size = 0;
        boolean received = false;
        boolean complete;
        IOException full = null;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) != -1) {
                size += read;
                if (size > maxBytes) {
                    throw new UploadTooLargeException(maxBytes);
                }
                sha256.update(buffer, 0, read);
                try {
                    out.write(buffer, 0, read);
                } catch (IOException e) {
                    if (!noRoom(e)) {
                        throw e;
                    }
                    full = e;
                    break;
                }
            }
            received = full == null;
        } catch (IOException e) {
            // Closing may write the last bytes, which may not fit either; a failed read is the client's.
            if (full == null && (!received || !noRoom(e))) {
                throw e;
            }
            full = full == null ? e : full;
        } finally {
            complete = received && full == null;
            if (!complete) {
                Files.deleteIfExists(file);
            }
        }
        if (full != null) {
            throw refused(in, size, maxBytes, full);
        }
        return new StagedFile(file, new ContentHash(HexFormat.of().formatHex(sha256.digest())), size);
    }

    private Path createFile() throws IOException {
        try {
            return Files.createTempFile(directory, "upload-", ".bin");
        } catch (IOException e) {
            if (noRoom(e)) {
                throw new StagingFullException("No room to stage an upload in " + directory, e);
            }
            throw e;
        }
    }

    /**
     * The staged part is removed by now, so the room is free again. The client is still sending:
     * the rest is read and dropped so that it gets the answer rather than a connection reset
     * halfway through its request.
     */
    private StagingFullException refused(InputStream in, long written, long maxBytes, IOException full) {
        try {
            // No further than the upload limit: beyond it the client would be refused anyway.
            byte[] buffer = new byte[BUFFER];
            for (long left = maxBytes - written; left > 0; ) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                left -= read;
            }
        } catch (IOException gone) {
            // The client stopped sending; it will not read the answer either.
        }
        return new StagingFullException("No room left in " + directory + " after " + written + " bytes of an upload", full);
    }

    /** ENOSPC or EDQUOT: Java says only through the message, so the disk's free space confirms it. */
    private boolean noRoom(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
            return true;
        }
        try {
            return Files.getFileStore(directory).getUsableSpace() < BUFFER;
        } catch (IOException unknown) {
            return false;
        }
    }
}

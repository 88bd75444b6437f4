package cn.insurer.archive.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The number of entries a ZIP declares in its end-of-central-directory record (or the ZIP64 one),
 * read before the central directory itself: opening a ZIP loads every entry of its directory into
 * memory, so a package of millions of empty entries must be refused before it is opened.
 */
final class ZipEntryCount {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_LOCATOR_SIZE = 20;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int MAX_COMMENT = 0xFFFF;

    /** What the end records declare: entries, and the central directory's size in bytes. */
    record Declared(long entries, long directoryBytes) {
    }

    private ZipEntryCount() {
    }

    /** Empty when no end record is found: then the file is not a ZIP, and opening it will say so. */
    static OptionalLong declared(Path zip) throws IOException {
        return end(zip).map(found -> OptionalLong.of(found.entries())).orElse(OptionalLong.empty());
    }

    /**
     * Entries and directory size as declared; where both the classic and a ZIP64 record give a
     * directory size, the larger, since readers differ in which they believe.
     */
    static Optional<Declared> end(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tail = (int) Math.min(size, END_SIZE + MAX_COMMENT);
            ByteBuffer buffer = read(channel, size - tail, tail);
            for (int at = tail - END_SIZE; at >= 0; at--) {
                if (buffer.getInt(at) != END_SIGNATURE) {
                    continue;
                }
                long entries = Short.toUnsignedInt(buffer.getShort(at + 10));
                long directory = Integer.toUnsignedLong(buffer.getInt(at + 12));
                long endOffset = size - tail + at;
                Optional<Declared> zip64 = endOffset >= ZIP64_LOCATOR_SIZE ? zip64(channel, endOffset) : Optional.empty();
                if (zip64.isPresent()) {
                    return Optional.of(new Declared(entries == 0xFFFF ? zip64.get().entries() : entries,
                            Math.max(directory, zip64.get().directoryBytes())));
                }
                return Optional.of(new Declared(entries, directory));
            }
            return Optional.empty();
        }
    }

    private static Optional<Declared> zip64(FileChannel channel, long endOffset) throws IOException {
        ByteBuffer locator = read(channel, endOffset - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
        if (locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
            return Optional.empty();
        }
        long recordOffset = locator.getLong(8);
        if (recordOffset < 0 || recordOffset + 56 > channel.size()) {
            return Optional.empty();
        }
        ByteBuffer record = read(channel, recordOffset, 56);
        if (record.getInt(0) != ZIP64_END_SIGNATURE) {
            return Optional.empty();
        }
        return Optional.of(new Declared(record.getLong(32), record.getLong(40)));
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        int read = 0;
        while (buffer.hasRemaining() && read >= 0) {
            read = channel.read(buffer, position + buffer.position());
        }
        return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}

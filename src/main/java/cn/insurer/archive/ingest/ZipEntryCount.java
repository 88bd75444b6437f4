package cn.insurer.archive.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    private ZipEntryCount() {
    }

    /** Empty when no end record is found: then the file is not a ZIP, and opening it will say so. */
    static OptionalLong declared(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tail = (int) Math.min(size, END_SIZE + MAX_COMMENT);
            ByteBuffer buffer = read(channel, size - tail, tail);
            for (int at = tail - END_SIZE; at >= 0; at--) {
                if (buffer.getInt(at) != END_SIGNATURE) {
                    continue;
                }
                long entries = Short.toUnsignedInt(buffer.getShort(at + 10));
                long endOffset = size - tail + at;
                if (entries == 0xFFFF && endOffset >= ZIP64_LOCATOR_SIZE) {
                    return OptionalLong.of(zip64Entries(channel, endOffset).orElse(entries));
                }
                return OptionalLong.of(entries);
            }
            return OptionalLong.empty();
        }
    }

    private static OptionalLong zip64Entries(FileChannel channel, long endOffset) throws IOException {
        ByteBuffer locator = read(channel, endOffset - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
        if (locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
            return OptionalLong.empty();
        }
        long recordOffset = locator.getLong(8);
        if (recordOffset < 0 || recordOffset + 56 > channel.size()) {
            return OptionalLong.empty();
        }
        ByteBuffer record = read(channel, recordOffset, 56);
        if (record.getInt(0) != ZIP64_END_SIGNATURE) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(record.getLong(32));
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

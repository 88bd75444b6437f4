package cn.insurer.archive.ingest;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;

/**
 * The workbook's shared strings, which its cells name by number, kept in a temporary file with an
 * index of where each begins rather than in memory: {@code sharedStrings.xml} is as large as the
 * sender makes it. Each string is kept up to one character past a row's limit, enough to refuse
 * the row; phonetic guides (拼音, furigana) are left out, as POI's workbook model leaves them out.
 * Strings are kept as UTF-16 code units exactly, so a lone surrogate is still there to refuse.
 */
final class XlsxSharedStrings implements AutoCloseable {

    /** Recently used short strings, so a ledger's repeated department or type is one object, not one per row. */
    private static final int CACHED = 4_096;
    private static final int CACHED_LENGTH = 256;

    private final Path data;
    private final Path index;
    private int count;
    private FileChannel dataChannel;
    private FileChannel indexChannel;
    private final Map<Integer, String> recent = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            return size() > CACHED;
        }
    };

    private XlsxSharedStrings(Path data, Path index) {
        this.data = data;
        this.index = index;
    }

    /** The table of {@code part}, or an empty one when the workbook has none. */
    static XlsxSharedStrings read(XlsxPackage xlsx, String part, Path tempDir) throws IOException, SAXException {
        XlsxSharedStrings strings = new XlsxSharedStrings(Files.createTempFile(tempDir, "strings-", ".bin"),
                Files.createTempFile(tempDir, "strings-", ".idx"));
        try {
            try (DataOutputStream dataOut = output(strings.data); DataOutputStream indexOut = output(strings.index)) {
                if (part != null) {
                    xlsx.parse(part, XlsxPackage.LARGE_PART, strings.new Reader(dataOut, indexOut));
                }
            }
            strings.dataChannel = FileChannel.open(strings.data, StandardOpenOption.READ);
            strings.indexChannel = FileChannel.open(strings.index, StandardOpenOption.READ);
            return strings;
        } catch (IOException | SAXException | RuntimeException e) {
            strings.close();
            throw e;
        }
    }

    private static DataOutputStream output(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024));
    }

    int size() {
        return count;
    }

    /** String {@code i}; a cell naming one the table does not have is a broken file. */
    String get(int i) throws IOException {
        if (i < 0 || i >= count) {
            throw XlsxPackage.unsafe("a cell names shared string " + i + " of " + count);
        }
        String cached = recent.get(i);
        if (cached != null) {
            return cached;
        }
        long offset = read(indexChannel, (long) i * Long.BYTES, Long.BYTES).getLong();
        int length = read(dataChannel, offset, Integer.BYTES).getInt();
        String text = read(dataChannel, offset + Integer.BYTES, length * 2).asCharBuffer().toString();
        if (text.length() <= CACHED_LENGTH) {
            recent.put(i, text);
        }
        return text;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("shared strings file ends early");
            }
        }
        return buffer.flip();
    }

    @Override
    public void close() throws IOException {
        try {
            if (dataChannel != null) {
                dataChannel.close();
            }
            if (indexChannel != null) {
                indexChannel.close();
            }
        } finally {
            Files.deleteIfExists(data);
            Files.deleteIfExists(index);
        }
    }

    /** Writes each {@code <si>} as it ends: its text runs joined, its phonetic runs left out. */
    private final class Reader extends XlsxPackage.Handler {

        private final DataOutputStream dataOut;
        private final DataOutputStream indexOut;
        private final XlsxText text = new XlsxText();
        private long written;
        private boolean inText;
        private int phonetic;

        Reader(DataOutputStream dataOut, DataOutputStream indexOut) {
            this.dataOut = dataOut;
            this.indexOut = indexOut;
        }

        @Override
        void start(String name, Attributes attributes) {
            switch (name) {
                case "si" -> text.clear();
                case "t" -> inText = phonetic == 0;
                case "rPh" -> phonetic++;
                default -> {
                }
            }
        }

        @Override
        void text(char[] characters, int start, int length) {
            if (inText) {
                text.append(characters, start, length);
            }
        }

        @Override
        void end(String name) {
            switch (name) {
                case "t" -> inText = false;
                case "rPh" -> phonetic--;
                case "si" -> add(text.decoded());
                default -> {
                }
            }
        }

        private void add(String value) {
            String kept = value.length() > Manifest.MAX_ROW_CHARACTERS ? value.substring(0, Manifest.MAX_ROW_CHARACTERS + 1) : value;
            try {
                indexOut.writeLong(written);
                dataOut.writeInt(kept.length());
                dataOut.writeChars(kept);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            written += Integer.BYTES + 2L * kept.length();
            count++;
        }
    }
}

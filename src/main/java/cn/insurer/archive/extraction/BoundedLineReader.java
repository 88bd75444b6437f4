package cn.insurer.archive.extraction;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines but keeps at most {@code maxLength} characters of each, so a child printing megabytes without a
 * newline cannot exhaust the parent's memory.
 */
final class BoundedLineReader {

    private final Reader reader;
    private final int maxLength;

    /** @param reader should be buffered; it is read one character at a time */
    BoundedLineReader(Reader reader, int maxLength) {
        this.reader = reader;
        this.maxLength = maxLength;
    }

    /** @return the next line without its terminator, or {@code null} at the end of the stream */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c = reader.read();
        if (c == -1) {
            return null;
        }
        while (c != -1 && c != '\n') {
            if (line.length() < maxLength) {
                line.append((char) c);
            }
            c = reader.read();
        }
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
            line.setLength(last);
        }
        return line.toString();
    }
}

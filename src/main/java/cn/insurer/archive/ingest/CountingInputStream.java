package cn.insurer.archive.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that reports every byte it passes on, so that a subclass can refuse an entry the moment
 * it unpacks past what it may, instead of after it has been stored or parsed.
 */
abstract class CountingInputStream extends FilterInputStream {

    CountingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            counted(read);
        }
        return read;
    }

    /** Called with the number of bytes just read; throws to stop the reader. */
    protected abstract void counted(long bytes);
}

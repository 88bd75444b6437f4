package cn.insurer.archive.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Receives the output of {@code COPY ... TO STDOUT (FORMAT binary)}, however the driver divides
 * it, and cuts it into rows. Each row is shown to {@link Rows#inOrder} as it arrives, while the
 * rows stay in a batch buffer that goes whole to {@link Rows#full}: no object is made per row.
 */
final class CopyRowStream extends OutputStream {

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER = SIGNATURE.length + 8;

    interface Rows {

        /** One row, in the order of the query; false when nothing further is wanted. */
        boolean inOrder(byte[] bytes, int[] fields);

        /** An empty batch to fill; may wait for one to be free. */
        RowBatch empty();

        /** A batch of rows already shown to {@link #inOrder}, given up by this stream. */
        void full(RowBatch batch);
    }

    private final Rows rows;
    private final int[] fields = new int[CopyTuple.FIELDS];
    private RowBatch batch;
    private int filled;
    private int parsed;
    private boolean headerRead;
    private boolean ended;
    private boolean stopped;

    CopyRowStream(Rows rows) {
        this.rows = rows;
        this.batch = rows.empty();
    }

    /** Whether a row was refused; what follows it is read and dropped. */
    boolean stopped() {
        return stopped;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] from, int offset, int length) throws IOException {
        while (length > 0 && !stopped) {
            if (filled == batch.bytes.length) {
                nextBatch();
            }
            int n = Math.min(length, batch.bytes.length - filled);
            System.arraycopy(from, offset, batch.bytes, filled, n);
            filled += n;
            offset += n;
            length -= n;
            cut();
        }
    }

    /** Hands on the last rows; the copy must have ended with its trailer. */
    void finish() throws IOException {
        if (!stopped && !ended) {
            throw new IOException("the copy of the audit trail ended early");
        }
        handOn(null);
    }

    private void cut() throws IOException {
        byte[] bytes = batch.bytes;
        if (!headerRead) {
            if (filled - parsed < HEADER) {
                return;
            }
            if (!Arrays.equals(bytes, parsed, parsed + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                throw new IOException("not a binary copy");
            }
            int extension = CopyTuple.int32(bytes, parsed + SIGNATURE.length + 4);
            if (filled - parsed < HEADER + extension) {
                return;
            }
            parsed += HEADER + extension;
            headerRead = true;
        }
        while (!ended && !stopped) {
            if (filled - parsed >= 2 && CopyTuple.short16(bytes, parsed) == -1) {
                ended = true;
                parsed += 2;
                return;
            }
            int size = CopyTuple.locate(bytes, parsed, filled, fields);
            if (size < 0) {
                return;
            }
            if (!rows.inOrder(bytes, fields)) {
                stopped = true;
                return;
            }
            batch.add(fields);
            parsed += size;
        }
    }

    /** Starts a new batch with the part of a row the full one ends with. */
    private void nextBatch() {
        RowBatch next = rows.empty();
        int tail = filled - parsed;
        next.fit(2 * tail);
        System.arraycopy(batch.bytes, parsed, next.bytes, 0, tail);
        handOn(next);
        filled = tail;
        parsed = 0;
    }

    private void handOn(RowBatch next) {
        RowBatch done = batch;
        batch = next;
        rows.full(done);
    }
}

package cn.insurer.archive.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds {@link CanonicalForm}'s bytes straight from a binary COPY row, without making a string of
 * any field. The form counts a field's length in UTF-16 units, which for ASCII is its byte count;
 * a field with any other character is decoded and counted as the canonical form counts it.
 * One instance per thread: it reuses its buffer.
 */
final class CanonicalBytes {

    private static final byte[] NULL = "-:;".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final StoredTimestamps timestamps = new StoredTimestamps();

    private byte[] out = new byte[1024];
    private int size;

    /** The form of the row whose fields are at {@code fields}; valid until the next call. */
    byte[] of(byte[] row, int[] fields) {
        size = 0;
        long seq = CopyTuple.int64(row, fields[CopyTuple.SEQ]);
        if (seq > 0) {
            writeSeq(seq);
        } else {
            text(Long.toString(seq));
        }
        if (CopyTuple.length(row, fields[CopyTuple.AT]) != 8) {
            throw new IllegalStateException("the audit trail's time is not a timestamptz");
        }
        // Any instant the formatter writes takes 20 to 99 characters: two digits of length, then ':'.
        room(64 + 4);
        int written = timestamps.write(CopyTuple.int64(row, fields[CopyTuple.AT]), out, size + 3);
        out[size] = (byte) ('0' + written / 10);
        out[size + 1] = (byte) ('0' + written % 10);
        out[size + 2] = ':';
        size += 3 + written;
        out[size++] = ';';
        for (int i = CopyTuple.AT + 1; i <= CopyTuple.NAMED; i++) {
            field(row, fields[i]);
        }
        return out;
    }

    /** The size of the last form. */
    int size() {
        return size;
    }

    private void writeSeq(long seq) {
        room(24);
        size = Decimals.write(Decimals.digits(seq), out, size);
        out[size++] = ':';
        size = Decimals.write(seq, out, size);
        out[size++] = ';';
    }

    private void field(byte[] row, int field) {
        int length = CopyTuple.length(row, field);
        if (length < 0) {
            room(NULL.length);
            System.arraycopy(NULL, 0, out, size, NULL.length);
            size += NULL.length;
            return;
        }
        int from = field + 4;
        room(length + 12);
        int start = size;
        size = Decimals.write(length, out, size);
        out[size++] = ':';
        if (!copyAscii(row, from, length)) {
            size = start;
            text(new String(row, from, length, StandardCharsets.UTF_8));
            return;
        }
        size += length;
        out[size++] = ';';
    }

    /**
     * Copies a field to the form where its length in bytes is its length in UTF-16 units: when it
     * is ASCII. One pass, eight bytes at a time: this runs over every byte of every event.
     */
    private boolean copyAscii(byte[] row, int from, int length) {
        long seen = 0;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            long eight = (long) EIGHT_BYTES.get(row, from + i);
            seen |= eight;
            EIGHT_BYTES.set(out, size + i, eight);
        }
        for (; i < length; i++) {
            byte b = row[from + i];
            seen |= b & 0xff;
            out[size + i] = b;
        }
        return (seen & HIGH_BITS) == 0;
    }

    private void text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        room(bytes.length + 12);
        size = Decimals.write(value.length(), out, size);
        out[size++] = ':';
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
        out[size++] = ';';
    }

    private void room(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}

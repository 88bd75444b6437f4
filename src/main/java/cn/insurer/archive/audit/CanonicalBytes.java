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
        size = decimal(digits(seq), size);
        out[size++] = ':';
        size = decimal(seq, size);
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
        if (!ascii(row, from, from + length)) {
            text(new String(row, from, length, StandardCharsets.UTF_8));
            return;
        }
        room(length + 12);
        size = decimal(length, size);
        out[size++] = ':';
        System.arraycopy(row, from, out, size, length);
        size += length;
        out[size++] = ';';
    }

    private void text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        room(bytes.length + 12);
        size = decimal(value.length(), size);
        out[size++] = ':';
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
        out[size++] = ';';
    }

    /** Eight bytes at a time: this runs over every byte of every event. */
    private static boolean ascii(byte[] bytes, int from, int end) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            if (((long) EIGHT_BYTES.get(bytes, i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static int digits(long value) {
        if (value < 10) {
            return 1;
        }
        if (value < 100) {
            return 2;
        }
        if (value < 1000) {
            return 3;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /** Writes a value that is not negative. */
    private int decimal(long value, int at) {
        int digits = digits(value);
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }

    private void room(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}

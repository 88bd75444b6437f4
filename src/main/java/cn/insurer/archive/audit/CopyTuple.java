package cn.insurer.archive.audit;

/**
 * Reads one row of {@code COPY ... (FORMAT binary)} in place: a 16-bit field count, then each
 * field as a 32-bit length (-1 for null) and its bytes, all big-endian.
 */
final class CopyTuple {

    /** The verifier's columns, in the order it selects them. */
    static final int SEQ = 0;
    static final int AT = 1;
    static final int NAMED = 8;
    static final int HASH = 9;
    static final int FIELDS = 10;

    private CopyTuple() {
    }

    /**
     * The size of the tuple starting at {@code start} when all of it lies before {@code end}, else
     * -1. Its fields' positions (each that of its length word) go to {@code fields}.
     */
    static int locate(byte[] bytes, int start, int end, int[] fields) {
        if (end - start < 2) {
            return -1;
        }
        int count = short16(bytes, start);
        if (count != FIELDS) {
            throw new IllegalStateException("a row of the audit trail came with " + count + " fields");
        }
        int p = start + 2;
        for (int i = 0; i < FIELDS; i++) {
            if (end - p < 4) {
                return -1;
            }
            fields[i] = p;
            int length = int32(bytes, p);
            p += 4 + Math.max(length, 0);
            if (p > end || p < 0) {
                return -1;
            }
        }
        return p - start;
    }

    static int length(byte[] bytes, int field) {
        return int32(bytes, field);
    }

    static long int64(byte[] bytes, int field) {
        int p = field + 4;
        return (long) int32(bytes, p) << 32 | int32(bytes, p + 4) & 0xffffffffL;
    }

    static int short16(byte[] bytes, int at) {
        return (short) ((bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff);
    }

    static int int32(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
    }
}

package cn.insurer.archive.audit;

import java.util.Arrays;

/**
 * Rows of the trail as they arrived, back to back in one buffer, with where each row's fields are:
 * the reader finds them once, and the hashing threads use them as found.
 */
final class RowBatch {

    byte[] bytes;
    /** The positions of each row's fields ({@link CopyTuple#locate}), {@link CopyTuple#FIELDS} a row. */
    int[] fields = new int[1024 * CopyTuple.FIELDS];
    int count;

    RowBatch(int size) {
        bytes = new byte[size];
    }

    void add(int[] rowFields) {
        if ((count + 1) * CopyTuple.FIELDS > fields.length) {
            fields = Arrays.copyOf(fields, 2 * fields.length);
        }
        System.arraycopy(rowFields, 0, fields, count * CopyTuple.FIELDS, CopyTuple.FIELDS);
        count++;
    }

    /** Copies the positions of row {@code i}'s fields to {@code into}. */
    void fieldsOf(int i, int[] into) {
        System.arraycopy(fields, i * CopyTuple.FIELDS, into, 0, CopyTuple.FIELDS);
    }

    /** Makes room for at least {@code size} bytes, which a single very long row may need. */
    void fit(int size) {
        if (bytes.length < size) {
            bytes = new byte[size];
        }
    }
}

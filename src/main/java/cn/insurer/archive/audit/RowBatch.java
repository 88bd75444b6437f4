package cn.insurer.archive.audit;

import java.util.Arrays;

/** Rows of the trail as they arrived, back to back in one buffer, with where each starts. */
final class RowBatch {

    byte[] bytes;
    int[] starts = new int[1024];
    int count;

    RowBatch(int size) {
        bytes = new byte[size];
    }

    void add(int start) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = start;
    }

    /** Makes room for at least {@code size} bytes, which a single very long row may need. */
    void fit(int size) {
        if (bytes.length < size) {
            bytes = new byte[size];
        }
    }
}

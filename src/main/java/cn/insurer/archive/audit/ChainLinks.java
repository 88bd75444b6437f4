package cn.insurer.archive.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-order half of verification, on the reading thread: each row must carry the next sequence
 * number, name the hash its predecessor stores and agree with any checkpoint at it. Works on the
 * rows' bytes; only the last stored hash is kept.
 */
final class ChainLinks {

    private final ChainBreaks breaks;
    private final long[] checkpointSeqs;
    private final byte[][] checkpointHashes;
    private int nextCheckpoint;
    private long expectedSeq = 1;
    private byte[] previous = CanonicalForm.GENESIS_HASH.getBytes(StandardCharsets.UTF_8);
    private int previousLength = previous.length;

    ChainLinks(List<Checkpoint> checkpoints, ChainBreaks breaks) {
        this.breaks = breaks;
        Map<Long, String> expectedAt = new TreeMap<>();
        checkpoints.forEach(checkpoint -> expectedAt.put(checkpoint.seq(), checkpoint.hash()));
        checkpointSeqs = expectedAt.keySet().stream().mapToLong(Long::longValue).toArray();
        checkpointHashes = expectedAt.values().stream().map(hash -> hash == null ? null : hash.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
    }

    /** Checks one row; false when the chain is broken at or before it, so reading can stop. */
    boolean check(byte[] row, int[] fields) {
        long seq = CopyTuple.int64(row, fields[CopyTuple.SEQ]);
        if (seq != expectedSeq) {
            breaks.offer(new ChainBreaks.Break(expectedSeq, 0, "event " + expectedSeq + " is missing (next found: " + seq + ")"));
            return false;
        }
        if (!holds(row, fields[CopyTuple.NAMED], previous, previousLength)) {
            breaks.offer(new ChainBreaks.Break(seq, 0, "does not name the hash of event " + (seq - 1)));
            return false;
        }
        int hash = fields[CopyTuple.HASH];
        while (nextCheckpoint < checkpointSeqs.length && checkpointSeqs[nextCheckpoint] < seq) {
            nextCheckpoint++;
        }
        if (nextCheckpoint < checkpointSeqs.length && checkpointSeqs[nextCheckpoint] == seq) {
            byte[] expected = checkpointHashes[nextCheckpoint];
            if (expected == null || !holds(row, hash, expected, expected.length)) {
                // Ranked after a content change at the same event, which the sequential check finds first.
                breaks.offer(new ChainBreaks.Break(seq, 2, "disagrees with the checkpoint kept in the object store"));
                return false;
            }
        }
        if (breaks.before(seq)) {
            return false;
        }
        remember(row, hash);
        expectedSeq++;
        return true;
    }

    /** The next sequence number the trail should hold: one past the last event checked. */
    long expectedSeq() {
        return expectedSeq;
    }

    /** Whether a field holds exactly the given bytes; a null field holds nothing. */
    private static boolean holds(byte[] row, int field, byte[] value, int length) {
        int stored = CopyTuple.length(row, field);
        return stored >= 0 && stored == length && Arrays.equals(row, field + 4, field + 4 + stored, value, 0, length);
    }

    private void remember(byte[] row, int field) {
        int length = CopyTuple.length(row, field);
        if (length < 0) {
            // No row can name a null hash; the content check reports this event.
            previousLength = -1;
            return;
        }
        if (previous.length < length) {
            previous = new byte[length];
        }
        System.arraycopy(row, field + 4, previous, 0, length);
        previousLength = length;
    }
}

package cn.insurer.archive.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-order half of verification, on a reading thread: each row must carry the next sequence
 * number, name the hash its predecessor stores and agree with any checkpoint at it. Works on the
 * rows' bytes; only the last stored hash is kept.
 *
 * <p>One instance checks one stretch of the trail. A stretch that does not start the trail does not
 * know its predecessor's hash: the hash its first row names is kept instead, for {@link ChainSeams}
 * to compare with the end of the stretch before.
 */
final class ChainLinks {

    private static final byte[] GENESIS = CanonicalForm.GENESIS_HASH.getBytes(StandardCharsets.UTF_8);

    private final ChainBreaks breaks;
    private final long[] checkpointSeqs;
    private final byte[][] checkpointHashes;
    private final long firstSeq;
    private long firstSeen = -1;
    private int nextCheckpoint;
    private long expectedSeq;
    private boolean predecessorKnown;
    private byte[] previous = new byte[64];
    private int previousLength;
    private byte[] firstNamed;

    /** Checks the stretch from {@code firstSeq} on; from 1, the predecessor is the genesis hash. */
    ChainLinks(List<Checkpoint> checkpoints, ChainBreaks breaks, long firstSeq) {
        this.breaks = breaks;
        this.firstSeq = firstSeq;
        this.expectedSeq = firstSeq;
        Map<Long, String> expectedAt = new TreeMap<>();
        checkpoints.forEach(checkpoint -> expectedAt.put(checkpoint.seq(), checkpoint.hash()));
        checkpointSeqs = expectedAt.keySet().stream().mapToLong(Long::longValue).toArray();
        checkpointHashes = expectedAt.values().stream().map(hash -> hash == null ? null : hash.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        if (firstSeq == 1) {
            predecessorKnown = true;
            previous = GENESIS.clone();
            previousLength = GENESIS.length;
        }
    }

    /** Checks one row; false when the chain is broken at or before it, so reading can stop. */
    boolean check(byte[] row, int[] fields) {
        long seq = CopyTuple.int64(row, fields[CopyTuple.SEQ]);
        if (firstSeen < 0) {
            firstSeen = seq;
        }
        if (seq != expectedSeq) {
            breaks.offer(new ChainBreaks.Break(expectedSeq, 0, "event " + expectedSeq + " is missing (next found: " + seq + ")"));
            return false;
        }
        if (!predecessorKnown) {
            firstNamed = copy(row, fields[CopyTuple.NAMED]);
        } else if (!holds(row, fields[CopyTuple.NAMED], previous, previousLength)) {
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
        predecessorKnown = true;
        expectedSeq++;
        return true;
    }

    /** The next sequence number the trail should hold: one past the last event checked. */
    long expectedSeq() {
        return expectedSeq;
    }

    /** The sequence number the stretch should start at. */
    long firstSeq() {
        return firstSeq;
    }

    /** The sequence number of the first row read, whether it passed or not; -1 when none was read. */
    long firstSeen() {
        return firstSeen;
    }

    /** Whether any row passed. */
    boolean any() {
        return expectedSeq > firstSeq;
    }

    /** The hash the stretch's first row names when the stretch does not start the trail; null when none passed. */
    byte[] firstNamed() {
        return firstNamed;
    }

    /** The hash the last row that passed stores; null when none did, or it stores none. */
    byte[] lastHash() {
        return !any() || previousLength < 0 ? null : Arrays.copyOf(previous, previousLength);
    }

    /** Whether a field holds exactly the given bytes; a null field holds nothing. */
    private static boolean holds(byte[] row, int field, byte[] value, int length) {
        int stored = CopyTuple.length(row, field);
        return stored >= 0 && stored == length && Arrays.equals(row, field + 4, field + 4 + stored, value, 0, length);
    }

    private static byte[] copy(byte[] row, int field) {
        int length = CopyTuple.length(row, field);
        return length < 0 ? null : Arrays.copyOfRange(row, field + 4, field + 4 + length);
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

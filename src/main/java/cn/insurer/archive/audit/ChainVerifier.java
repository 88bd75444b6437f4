package cn.insurer.archive.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Recomputes the whole chain from the first event, streaming rows so that memory stays flat
 * however long the trail is. A link is broken when its sequence number is not the next one
 * (deleted or reordered events), when it does not name the previous hash, when its content no
 * longer gives its hash (edited), or when it disagrees with a checkpoint kept outside the database
 * (the tail was rewritten and rehashed).
 *
 * <p>Every event stores the hash it names and its own, so the links can be checked in order while
 * the hashes are recomputed in parallel: once each stored hash is proved to be its content's, an
 * event naming its predecessor's stored hash names its recomputed one. The first break in sequence
 * order is reported, whichever thread finds it.
 *
 * <p>The trail is read with {@code COPY ... (FORMAT binary)}: reading it through a result set made
 * objects and strings of every field of every row, which cost more than PostgreSQL sending them.
 * It is read in ranges of sequence numbers, one copy each, because a copy cannot be left part
 * way without aborting the transaction: after a break only the rest of its range is read.
 */
final class ChainVerifier {

    private static final long RANGE = 1L << 20;
    private static final String SELECT = "copy (select seq, at, actor, action, target, outcome, client_address, details, "
            + "prev_hash, hash from audit_event%s order by seq) to stdout (format binary)";

    private ChainVerifier() {
    }

    /** Hashes on {@code hashers}, which should run about one task per core. */
    static ChainVerification verify(Connection connection, long headSeq, List<Checkpoint> checkpoints, Executor hashers)
            throws SQLException {
        long started = System.nanoTime();
        ChainBreaks breaks = new ChainBreaks();
        ChainLinks links = new ChainLinks(checkpoints, breaks);
        ChainRehash rehash = new ChainRehash(hashers, breaks, 2 * Runtime.getRuntime().availableProcessors());
        CopyRowStream.Rows rows = new CopyRowStream.Rows() {
            @Override
            public boolean inOrder(byte[] bytes, int[] fields) {
                return links.check(bytes, fields);
            }

            @Override
            public RowBatch empty() {
                return rehash.empty();
            }

            @Override
            public void full(RowBatch batch) {
                rehash.submit(batch);
            }
        };
        try {
            for (String range : ranges(headSeq)) {
                CopyRowStream stream = new CopyRowStream(rows);
                PostgresCopy.copyOut(connection, String.format(SELECT, range), stream);
                stream.finish();
                if (stream.stopped()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new SQLException("could not read the audit trail", e);
        } finally {
            rehash.awaitAll();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ChainBreaks.Break first = breaks.first();
        if (first != null) {
            return ChainVerification.broken(first.seq() - 1, checkpoints.size(), first.seq(), first.reason(), seconds);
        }
        long last = links.expectedSeq() - 1;
        long lastCheckpoint = checkpoints.stream().mapToLong(Checkpoint::seq).max().orElse(0);
        if (lastCheckpoint > last || headSeq > last) {
            return ChainVerification.broken(last, checkpoints.size(), last + 1,
                    "events after " + last + " are missing (the trail had reached " + Math.max(lastCheckpoint, headSeq) + ")",
                    seconds);
        }
        return ChainVerification.intact(last, checkpoints.size(), seconds);
    }

    /** Conditions that together select every row once: the first range and the last are open-ended. */
    static List<String> ranges(long headSeq) {
        List<String> ranges = new ArrayList<>();
        long upTo = RANGE;
        ranges.add(headSeq > RANGE ? " where seq <= " + upTo : "");
        while (headSeq > upTo + RANGE) {
            ranges.add(" where seq > " + upTo + " and seq <= " + (upTo + RANGE));
            upTo += RANGE;
        }
        if (headSeq > RANGE) {
            ranges.add(" where seq > " + upTo);
        }
        return ranges;
    }
}

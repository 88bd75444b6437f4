package cn.insurer.archive.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recomputes the whole chain from the first event, streaming rows so that memory stays flat
 * however long the trail is. A link is broken when its sequence number is not the next one
 * (deleted or reordered events), when it does not name the previous hash, when its content no
 * longer gives its hash (edited), or when it disagrees with a checkpoint kept outside the database
 * (the tail was rewritten and rehashed). The first break in sequence order is reported, whichever
 * thread finds it.
 *
 * <p>Every event stores the hash it names and its own, so no part of the check needs the one before
 * it to be recomputed: once each stored hash is proved to be its content's, an event naming its
 * predecessor's stored hash names its recomputed one. So the trail is cut into ranges of sequence
 * numbers that several connections read at once, all in one exported snapshot; each range's links
 * are checked in order as it arrives, its hashes recomputed on other threads, and the ranges joined
 * at their seams afterwards ({@link ChainSeams}). One PostgreSQL backend sending rows was what
 * bounded a single reader.
 *
 * <p>Rows are read with {@code COPY ... (FORMAT binary)}: reading them through a result set made
 * objects and strings of every field of every row, which cost more than PostgreSQL sending them. A
 * copy cannot be left part way without aborting its transaction, so after a break the rest of the
 * range being read is read and dropped, and no further range is started.
 */
final class ChainVerifier {

    static final long RANGE = 1L << 16;
    static final int MOST_READERS = 16;
    private static final String SELECT = "copy (select seq, at, actor, action, target, outcome, client_address, details, "
            + "prev_hash, hash from audit_event%s order by seq) to stdout (format binary)";

    /** Where the readers' connections come from; each is closed by the reader that opened it. */
    interface Connections {
        Connection open() throws SQLException;
    }

    /**
     * Readers to use: one per two cores, at least two where there are two cores, at most four. One
     * PostgreSQL backend sending rows costs about as much CPU as the hashing here, and while it
     * waits for its rows to be taken a second backend can send. On two cores shared with the
     * database two readers verified 1.05 million events/s against 0.90 million for one (AuditBench,
     * median of five rounds each).
     */
    static int readers() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.min(4, Math.max(Math.min(2, cores), cores / 2));
    }

    /**
     * The readers an operator configured, or {@link #readers()} for 0: where PostgreSQL has cores
     * of its own, more readers keep more of its backends sending.
     */
    static int readers(int configured) {
        if (configured < 0 || configured > MOST_READERS) {
            // Each reader holds a connection of the pool for the whole verification.
            throw new IllegalArgumentException("the readers verifying the audit trail (ARCHIVE_AUDIT_VERIFY_READERS) must be 0 "
                    + "(chosen by the cores) to " + MOST_READERS + ", not " + configured);
        }
        return configured == 0 ? readers() : configured;
    }

    /**
     * Reads on {@code readers} connections, one on the calling thread and the others on tasks of
     * {@code executor}, which also runs the hashing: it should have threads for the readers and
     * about one per core besides.
     */
    static ChainVerification verify(Connections connections, List<Checkpoint> checkpoints, int readers, Executor executor)
            throws SQLException {
        return verify(connections, checkpoints, readers, executor, RANGE);
    }

    static ChainVerification verify(Connections connections, List<Checkpoint> checkpoints, int readers, Executor executor,
                                    long rangeSize) throws SQLException {
        long started = System.nanoTime();
        ChainBreaks breaks = new ChainBreaks();
        long headSeq;
        ChainSeams.Stretch[] stretches;
        try (Connection first = connections.open()) {
            TrailSnapshot snapshot = TrailSnapshot.export(first);
            try {
                headSeq = snapshot.headSeq();
                List<Range> ranges = ranges(headSeq, rangeSize);
                stretches = new ChainSeams.Stretch[ranges.size()];
                // More hashing threads than cores only added switching between them.
                int workers = Math.max(1, Runtime.getRuntime().availableProcessors() / readers);
                RangeReader reader = new RangeReader(ranges, stretches, checkpoints, breaks, executor, workers);
                List<CompletableFuture<Void>> others = new ArrayList<>();
                for (int i = 1; i < Math.min(readers, ranges.size()); i++) {
                    others.add(CompletableFuture.runAsync(() -> reader.readOn(connections, snapshot), executor));
                }
                try {
                    reader.read(first);
                } catch (SQLException | RuntimeException e) {
                    reader.stop();
                    CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).exceptionally(ignored -> null).join();
                    throw e;
                }
                awaitAll(others);
            } finally {
                TrailSnapshot.end(first);
            }
        }
        long last = ChainSeams.join(stretches, breaks) - 1;
        double seconds = (System.nanoTime() - started) / 1e9;
        ChainBreaks.Break firstBreak = breaks.first();
        if (firstBreak != null) {
            return ChainVerification.broken(firstBreak.seq() - 1, checkpoints.size(), firstBreak.seq(), firstBreak.reason(), seconds);
        }
        long lastCheckpoint = checkpoints.stream().mapToLong(Checkpoint::seq).max().orElse(0);
        if (lastCheckpoint > last || headSeq > last) {
            return ChainVerification.broken(last, checkpoints.size(), last + 1,
                    "events after " + last + " are missing (the trail had reached " + Math.max(lastCheckpoint, headSeq) + ")",
                    seconds);
        }
        return ChainVerification.intact(last, checkpoints.size(), seconds);
    }

    private static void awaitAll(List<CompletableFuture<Void>> others) throws SQLException {
        try {
            CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ReaderFailed failed) {
                throw failed.getCause();
            }
            throw e;
        }
    }

    /**
     * Rows with sequence numbers in (after, upTo]. The first range is open below and the last open
     * above, so rows outside 1..head are read too, and reported where they break the chain.
     */
    record Range(long after, long upTo) {

        static final long OPEN = Long.MAX_VALUE;

        String condition() {
            if (after == 0 && upTo == OPEN) {
                return "";
            }
            if (after == 0) {
                return " where seq <= " + upTo;
            }
            return upTo == OPEN ? " where seq > " + after : " where seq > " + after + " and seq <= " + upTo;
        }

        long firstSeq() {
            return after + 1;
        }
    }

    /** Ranges of {@code size} that together select every row once. */
    static List<Range> ranges(long headSeq, long size) {
        List<Range> ranges = new ArrayList<>();
        long after = 0;
        while (headSeq > after + size) {
            ranges.add(new Range(after, after + size));
            after += size;
        }
        ranges.add(new Range(after, Range.OPEN));
        return ranges;
    }

    /** A reader's connection failed; the cause is rethrown to whoever asked for the verification. */
    private static final class ReaderFailed extends RuntimeException {

        ReaderFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** Takes the next range not yet read until none is left or the chain is broken before it. */
    private static final class RangeReader {

        private final List<Range> ranges;
        private final ChainSeams.Stretch[] stretches;
        private final List<Checkpoint> checkpoints;
        private final ChainBreaks breaks;
        private final Executor hashers;
        private final int workers;
        private final AtomicInteger next = new AtomicInteger();
        private volatile boolean failed;

        RangeReader(List<Range> ranges, ChainSeams.Stretch[] stretches, List<Checkpoint> checkpoints, ChainBreaks breaks,
                    Executor hashers, int workers) {
            this.ranges = ranges;
            this.workers = workers;
            this.stretches = stretches;
            this.checkpoints = checkpoints;
            this.breaks = breaks;
            this.hashers = hashers;
        }

        /** On a connection of its own, in the snapshot. */
        void readOn(Connections connections, TrailSnapshot snapshot) {
            try (Connection connection = connections.open()) {
                snapshot.join(connection);
                try {
                    read(connection);
                } finally {
                    TrailSnapshot.end(connection);
                }
            } catch (SQLException e) {
                failed = true;
                throw new ReaderFailed(e);
            }
        }

        void read(Connection connection) throws SQLException {
            ChainRehash rehash = new ChainRehash(hashers, workers, breaks, 2 * workers + 1);
            try {
                for (int i = next.getAndIncrement(); i < ranges.size() && !failed; i = next.getAndIncrement()) {
                    Range range = ranges.get(i);
                    if (breaks.before(range.firstSeq())) {
                        return;
                    }
                    ChainLinks links = new ChainLinks(checkpoints, breaks, range.firstSeq());
                    CopyRowStream stream = new CopyRowStream(rows(links, rehash));
                    PostgresCopy.copyOut(connection, String.format(SELECT, range.condition()), stream);
                    stream.finish();
                    stretches[i] = new ChainSeams.Stretch(links, !stream.stopped());
                    if (stream.stopped()) {
                        return;
                    }
                }
            } catch (IOException e) {
                throw new SQLException("could not read the audit trail", e);
            } finally {
                rehash.awaitAll();
            }
        }

        /** The other readers stop at their next range. */
        void stop() {
            failed = true;
        }

        private static CopyRowStream.Rows rows(ChainLinks links, ChainRehash rehash) {
            return new CopyRowStream.Rows() {
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
        }
    }
}

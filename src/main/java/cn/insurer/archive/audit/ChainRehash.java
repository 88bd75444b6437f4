package cn.insurer.archive.audit;

import cn.insurer.archive.platform.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The parallel half of verification: batches of rows are rehashed on the executor and each
 * stored hash compared with its content's. Batch buffers are reused, and only so many exist, so
 * reading never runs further ahead of the hashing than they hold.
 */
final class ChainRehash {

    private static final int BATCH_BYTES = 256 * 1024;
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Executor hashers;
    private final ChainBreaks breaks;
    private final BlockingQueue<RowBatch> free;
    private final int most;
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private int made;

    ChainRehash(Executor hashers, ChainBreaks breaks, int batchesInFlight) {
        this.hashers = hashers;
        this.breaks = breaks;
        this.most = batchesInFlight + 1;
        this.free = new ArrayBlockingQueue<>(most);
    }

    /** A free batch: a recycled one, a new one while fewer than the most exist, else the next one freed. */
    RowBatch empty() {
        RowBatch batch = free.poll();
        if (batch == null && made < most) {
            made++;
            return new RowBatch(BATCH_BYTES);
        }
        try {
            return batch != null ? batch : free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying the audit trail", e);
        }
    }

    void submit(RowBatch batch) {
        if (batch.count == 0) {
            free.add(batch);
            return;
        }
        try {
            pending.add(CompletableFuture.runAsync(() -> rehash(batch), hashers).whenComplete((done, failure) -> release(batch)));
        } catch (RuntimeException rejected) {
            release(batch);
            throw rejected;
        }
        // A failed batch stays, for awaitAll to report.
        pending.removeIf(future -> future.isDone() && !future.isCompletedExceptionally());
    }

    void awaitAll() {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("could not recompute the audit trail's hashes", e.getCause());
        }
    }

    private void release(RowBatch batch) {
        batch.count = 0;
        free.add(batch);
    }

    private void rehash(RowBatch batch) {
        MessageDigest sha256 = Sha256.digest();
        CanonicalBytes canonical = new CanonicalBytes();
        int[] fields = new int[CopyTuple.FIELDS];
        byte[] bytes = batch.bytes;
        for (int i = 0; i < batch.count; i++) {
            CopyTuple.locate(bytes, batch.starts[i], bytes.length, fields);
            byte[] form = canonical.of(bytes, fields);
            sha256.update(form, 0, canonical.size());
            if (!matches(sha256.digest(), bytes, fields[CopyTuple.HASH])) {
                breaks.offer(new ChainBreaks.Break(CopyTuple.int64(bytes, fields[CopyTuple.SEQ]), 1,
                        "content was changed after it was written"));
                return;
            }
        }
    }

    /** Compares a digest with the lower-case hex a row stores, without formatting it: this runs once per event. */
    private static boolean matches(byte[] digest, byte[] row, int field) {
        if (CopyTuple.length(row, field) != digest.length * 2) {
            return false;
        }
        int hex = field + 4;
        for (int i = 0; i < digest.length; i++) {
            if (row[hex + 2 * i] != DIGITS[(digest[i] >> 4) & 0xf] || row[hex + 2 * i + 1] != DIGITS[digest[i] & 0xf]) {
                return false;
            }
        }
        return true;
    }
}

package cn.insurer.archive.audit;

import cn.insurer.archive.platform.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The parallel half of verification: batches of rows are rehashed and each stored hash compared
 * with its content's. Batch buffers are reused and only so many exist, so reading never runs
 * further ahead of the hashing than they hold.
 *
 * <p>Full batches wait in a queue that workers on the executor take from. The reader never waits
 * for a worker to start: when every batch is taken it hashes a queued one itself, and at the end it
 * hashes whatever is still queued. So however busy the executor is (several verifications at once,
 * readers on the same threads) every batch is hashed.
 */
final class ChainRehash {

    private static final int BATCH_BYTES = 256 * 1024;
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** The two lower-case hex digits of each byte value, at twice the value. */
    private static final byte[] HEX_PAIRS = new byte[512];

    static {
        for (int b = 0; b < 256; b++) {
            HEX_PAIRS[2 * b] = DIGITS[b >> 4];
            HEX_PAIRS[2 * b + 1] = DIGITS[b & 0xf];
        }
    }

    private final Executor hashers;
    private final int workers;
    private final ChainBreaks breaks;
    private final int most;
    private final Queue<RowBatch> free = new ConcurrentLinkedQueue<>();
    private final Queue<RowBatch> full = new ConcurrentLinkedQueue<>();
    private final AtomicInteger hashing = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object finished = new Object();
    private int made;

    /** Hashes on up to {@code workers} tasks of {@code hashers}, with at most {@code batches} batches in all. */
    ChainRehash(Executor hashers, int workers, ChainBreaks breaks, int batches) {
        this.hashers = hashers;
        this.workers = workers;
        this.breaks = breaks;
        this.most = batches;
    }

    /**
     * A free batch: a recycled one, a new one while fewer than the most exist, else one this thread
     * frees by hashing a queued batch itself. Called by the reader only.
     */
    RowBatch empty() {
        while (true) {
            RowBatch batch = free.poll();
            if (batch != null) {
                return batch;
            }
            if (made < most) {
                made++;
                return new RowBatch(BATCH_BYTES);
            }
            if (!hashNext()) {
                // Every batch is with a worker that is running: one is free soon.
                LockSupport.parkNanos(20_000);
            }
        }
    }

    /** Hands on a full batch. Called by the reader only. */
    void submit(RowBatch batch) {
        if (batch.count == 0) {
            free.add(batch);
            return;
        }
        full.add(batch);
        int now = running.get();
        if (now < workers && running.compareAndSet(now, now + 1)) {
            try {
                hashers.execute(this::work);
            } catch (RuntimeException rejected) {
                running.decrementAndGet();
            }
        }
    }

    /** Hashes what is still queued on this thread, then waits for the batches workers have taken. */
    void awaitAll() {
        while (hashNext()) {
            // the reader helps rather than waits for a worker that may not start
        }
        synchronized (finished) {
            while (hashing.get() > 0) {
                try {
                    finished.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while verifying the audit trail", e);
                }
            }
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("could not recompute the audit trail's hashes", failed);
        }
    }

    private void work() {
        try {
            while (hashNext()) {
                // until the queue is empty
            }
        } finally {
            running.decrementAndGet();
        }
    }

    /** Takes one queued batch and hashes it; false when none was queued. */
    private boolean hashNext() {
        hashing.incrementAndGet();
        try {
            RowBatch batch = full.poll();
            if (batch == null) {
                return false;
            }
            try {
                rehash(batch);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
            batch.count = 0;
            free.add(batch);
            return true;
        } finally {
            if (hashing.decrementAndGet() == 0) {
                synchronized (finished) {
                    finished.notifyAll();
                }
            }
        }
    }

    private void rehash(RowBatch batch) {
        MessageDigest sha256 = Sha256.digest();
        CanonicalBytes canonical = new CanonicalBytes();
        int[] fields = new int[CopyTuple.FIELDS];
        byte[] digest = new byte[32];
        byte[] bytes = batch.bytes;
        for (int i = 0; i < batch.count; i++) {
            batch.fieldsOf(i, fields);
            byte[] form = canonical.of(bytes, fields);
            sha256.update(form, 0, canonical.size());
            if (!matches(digest(sha256, digest), bytes, fields[CopyTuple.HASH])) {
                breaks.offer(new ChainBreaks.Break(CopyTuple.int64(bytes, fields[CopyTuple.SEQ]), 1,
                        "content was changed after it was written"));
                return;
            }
        }
    }

    private static byte[] digest(MessageDigest sha256, byte[] into) {
        try {
            sha256.digest(into, 0, into.length);
            return into;
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares a digest with the lower-case hex a row stores, without formatting it: this runs once per event. */
    private static boolean matches(byte[] digest, byte[] row, int field) {
        if (CopyTuple.length(row, field) != digest.length * 2) {
            return false;
        }
        int hex = field + 4;
        for (int i = 0; i < digest.length; i++) {
            int pair = 2 * (digest[i] & 0xff);
            if (row[hex + 2 * i] != HEX_PAIRS[pair] || row[hex + 2 * i + 1] != HEX_PAIRS[pair + 1]) {
                return false;
            }
        }
        return true;
    }
}

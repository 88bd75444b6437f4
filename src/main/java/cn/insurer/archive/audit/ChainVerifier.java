package cn.insurer.archive.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

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
 */
final class ChainVerifier {

    private static final Logger LOG = Logger.getLogger(ChainVerifier.class.getName());
    private static final int FETCH_SIZE = 10_000;
    private static final int BATCH = 4_096;

    private ChainVerifier() {
    }

    /** Hashes on {@code hashers}, which should run about one task per core. */
    static ChainVerification verify(Connection connection, long headSeq, List<Checkpoint> checkpoints, Executor hashers)
            throws SQLException {
        long started = System.nanoTime();
        Map<Long, String> expectedAt = new TreeMap<>();
        checkpoints.forEach(checkpoint -> expectedAt.put(checkpoint.seq(), checkpoint.hash()));
        Breaks breaks = new Breaks();
        // Bounds the batches read ahead of the hashing, so memory stays flat on a slow executor.
        Semaphore inFlight = new Semaphore(2 * Runtime.getRuntime().availableProcessors());
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        long expectedSeq = 1;
        String previous = CanonicalForm.GENESIS_HASH;
        boolean autoCommit = connection.getAutoCommit();
        try (PreparedStatement select = connection.prepareStatement("select seq, at, actor, action, target, outcome, "
                + "client_address, details, prev_hash, hash from audit_event order by seq")) {
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            select.setFetchSize(FETCH_SIZE);
            binaryTransfer(select);
            try (ResultSet rows = select.executeQuery()) {
                List<Link> batch = new ArrayList<>(BATCH);
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    String named = rows.getString(9);
                    String hash = rows.getString(10);
                    if (seq != expectedSeq) {
                        breaks.offer(new Break(expectedSeq, 0, "event " + expectedSeq + " is missing (next found: " + seq + ")"));
                        break;
                    }
                    if (!previous.equals(named)) {
                        breaks.offer(new Break(seq, 0, "does not name the hash of event " + (seq - 1)));
                        break;
                    }
                    String checkpoint = expectedAt.get(seq);
                    if (checkpoint != null && !checkpoint.equals(hash)) {
                        // Ranked after a content change at the same event, which the sequential check finds first.
                        breaks.offer(new Break(seq, 2, "disagrees with the checkpoint kept in the object store"));
                        break;
                    }
                    batch.add(new Link(seq, rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                            named, hash));
                    if (batch.size() == BATCH) {
                        pending.add(submit(batch, hashers, inFlight, breaks));
                        batch = new ArrayList<>(BATCH);
                    }
                    if (breaks.before(seq)) {
                        break;
                    }
                    previous = hash;
                    expectedSeq++;
                }
                pending.add(submit(batch, hashers, inFlight, breaks));
            }
        } finally {
            awaitAll(pending);
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Break first = breaks.first();
        if (first != null) {
            return ChainVerification.broken(first.seq() - 1, checkpoints.size(), first.seq(), first.reason(), seconds);
        }
        long last = expectedSeq - 1;
        long lastCheckpoint = checkpoints.stream().mapToLong(Checkpoint::seq).max().orElse(0);
        if (lastCheckpoint > last || headSeq > last) {
            return ChainVerification.broken(last, checkpoints.size(), last + 1,
                    "events after " + last + " are missing (the trail had reached " + Math.max(lastCheckpoint, headSeq) + ")",
                    seconds);
        }
        return ChainVerification.intact(last, checkpoints.size(), seconds);
    }

    /**
     * Asks PostgreSQL for binary rows: in text it formats every timestamp as a string, which costs
     * more than all the rest of reading the trail. The driver's switch for it (a negative prepare
     * threshold) is not JDBC, and inside the server the driver is another module's class reached
     * through the pool's wrapper, so it is found by name; without it the rows come as text.
     */
    private static void binaryTransfer(PreparedStatement select) {
        try {
            Object statement = select;
            try {
                statement = select.getClass().getMethod("getUnderlyingStatement").invoke(select);
            } catch (NoSuchMethodException plain) {
                // a driver's own statement, outside the application server
            }
            Class.forName("org.postgresql.PGStatement", false, statement.getClass().getClassLoader())
                    .getMethod("setPrepareThreshold", int.class).invoke(statement, -1);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.fine("Reading the audit trail as text: " + e);
        }
    }

    private record Link(long seq, Instant at, String actor, String action, String target, String outcome,
                        String clientAddress, String details, String named, String hash) {
    }

    /** A broken link; of two at the same event, the lower rank is the one an in-order check meets first. */
    private record Break(long seq, int rank, String reason) {

        boolean precedes(Break other) {
            return seq < other.seq || seq == other.seq && rank < other.rank;
        }
    }

    /** The earliest break found so far by any thread. */
    private static final class Breaks {

        private final AtomicReference<Break> first = new AtomicReference<>();

        void offer(Break found) {
            first.accumulateAndGet(found, (current, offered) -> current == null || offered.precedes(current) ? offered : current);
        }

        boolean before(long seq) {
            Break found = first.get();
            return found != null && found.seq() <= seq;
        }

        Break first() {
            return first.get();
        }
    }

    private static CompletableFuture<Void> submit(List<Link> batch, Executor hashers, Semaphore inFlight, Breaks breaks) {
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        inFlight.acquireUninterruptibly();
        try {
            return CompletableFuture.runAsync(() -> rehash(batch, breaks), hashers).whenComplete((done, failure) -> inFlight.release());
        } catch (RuntimeException rejected) {
            inFlight.release();
            throw rejected;
        }
    }

    private static void rehash(List<Link> batch, Breaks breaks) {
        MessageDigest sha256 = sha256();
        for (Link link : batch) {
            String canonical = CanonicalForm.of(link.seq(), link.at(), link.actor(), link.action(), link.target(),
                    link.outcome(), link.clientAddress(), link.details(), link.named());
            if (!matches(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)), link.hash())) {
                breaks.offer(new Break(link.seq(), 1, "content was changed after it was written"));
                return;
            }
        }
    }

    /** Compares a digest with lower-case hex without formatting it: this runs once per event. */
    static boolean matches(byte[] digest, String hex) {
        if (hex == null || hex.length() != digest.length * 2) {
            return false;
        }
        for (int i = 0; i < digest.length; i++) {
            if (hex.charAt(2 * i) != DIGITS[(digest[i] >> 4) & 0xf] || hex.charAt(2 * i + 1) != DIGITS[digest[i] & 0xf]) {
                return false;
            }
        }
        return true;
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private static void awaitAll(List<CompletableFuture<Void>> pending) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("could not recompute the audit trail's hashes", e.getCause());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

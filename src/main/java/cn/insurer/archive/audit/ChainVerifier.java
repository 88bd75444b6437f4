package cn.insurer.archive.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.nio.charset.StandardCharsets;

/**
 * Recomputes the whole chain from the first event, streaming rows so that memory stays flat
 * however long the trail is. A link is broken when its sequence number is not the next one
 * (deleted or reordered events), when it does not name the previous hash, when its content no
 * longer gives its hash (edited), or when it disagrees with a checkpoint kept outside the database
 * (the tail was rewritten and rehashed).
 */
final class ChainVerifier {

    private static final int FETCH_SIZE = 10_000;
    private static final HexFormat HEX = HexFormat.of();

    private ChainVerifier() {
    }

    static ChainVerification verify(Connection connection, long headSeq, List<Checkpoint> checkpoints)
            throws SQLException {
        long started = System.nanoTime();
        Map<Long, String> expectedAt = new TreeMap<>();
        checkpoints.forEach(checkpoint -> expectedAt.put(checkpoint.seq(), checkpoint.hash()));
        MessageDigest sha256 = sha256();
        long expectedSeq = 1;
        String previous = CanonicalForm.GENESIS_HASH;
        boolean autoCommit = connection.getAutoCommit();
        try (PreparedStatement select = connection.prepareStatement("select seq, at, actor, action, target, outcome, "
                + "client_address, details, prev_hash, hash from audit_event order by seq")) {
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            select.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    if (seq != expectedSeq) {
                        return ChainVerification.broken(expectedSeq - 1, checkpoints.size(), expectedSeq,
                                "event " + expectedSeq + " is missing (next found: " + seq + ")", seconds(started));
                    }
                    if (!previous.equals(rows.getString(9))) {
                        return ChainVerification.broken(seq - 1, checkpoints.size(), seq,
                                "does not name the hash of event " + (seq - 1), seconds(started));
                    }
                    String canonical = CanonicalForm.of(seq, rows.getObject(2, OffsetDateTime.class).toInstant(),
                            rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                            rows.getString(7), rows.getString(8), previous);
                    String hash = HEX.formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
                    if (!hash.equals(rows.getString(10))) {
                        return ChainVerification.broken(seq - 1, checkpoints.size(), seq,
                                "content was changed after it was written", seconds(started));
                    }
                    String checkpoint = expectedAt.get(seq);
                    if (checkpoint != null && !checkpoint.equals(hash)) {
                        return ChainVerification.broken(seq - 1, checkpoints.size(), seq,
                                "disagrees with the checkpoint kept in the object store", seconds(started));
                    }
                    previous = hash;
                    expectedSeq++;
                }
            }
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
        long last = expectedSeq - 1;
        long lastCheckpoint = checkpoints.stream().mapToLong(Checkpoint::seq).max().orElse(0);
        if (lastCheckpoint > last || headSeq > last) {
            return ChainVerification.broken(last, checkpoints.size(), last + 1,
                    "events after " + last + " are missing (the trail had reached " + Math.max(lastCheckpoint, headSeq) + ")",
                    seconds(started));
        }
        return ChainVerification.intact(last, checkpoints.size(), seconds(started));
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package cn.insurer.archive.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The exact bytes an audit event's hash is computed over. Every field is written as
 * {@code length:value;} (or {@code -:;} for null), so no choice of values can make two different
 * events read the same. The previous event's hash is part of it: that makes the trail a chain.
 */
public final class CanonicalForm {

    public static final String GENESIS_HASH = "0".repeat(64);

    private CanonicalForm() {
    }

    /** Time as the database keeps it: microseconds, UTC. */
    public static Instant storedPrecision(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public static String of(long seq, Instant at, String actor, String action, String target, String outcome,
                            String clientAddress, String details, String previousHash) {
        StringBuilder out = new StringBuilder(256);
        field(out, Long.toString(seq));
        field(out, DateTimeFormatter.ISO_INSTANT.format(storedPrecision(at)));
        field(out, actor);
        field(out, action);
        field(out, target);
        field(out, outcome);
        field(out, clientAddress);
        field(out, details);
        field(out, previousHash);
        return out.toString();
    }

    public static String hash(long seq, Instant at, String actor, String action, String target, String outcome,
                              String clientAddress, String details, String previousHash) {
        return sha256(of(seq, at, actor, action, target, outcome, clientAddress, details, previousHash));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("-:;");
        } else {
            out.append(value.length()).append(':').append(value).append(';');
        }
    }
}

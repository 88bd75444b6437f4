package cn.insurer.archive.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** An import with its progress as last committed. */
public record ImportRun(UUID id, String status, String startedBy, String requestedFrom, String source, String location,
                        String packageSha256, Instant startedAt, Instant finishedAt, boolean manifestRead, int total,
                        int done, int imported, int skipped, int conflicts, int failed, long bytesRead, String failure) {

    /** How fast the import goes and how long it still needs, as of one moment. */
    public record Pace(double rowsPerSecond, Long etaSeconds) {
    }

    public Pace pace(Instant now) {
        return new Pace(rate(now), etaSeconds(now));
    }

    /** Rows per second since the import started. */
    double rate(Instant now) {
        double seconds = Math.max(0.001, Duration.between(startedAt, finishedAt == null ? now : finishedAt).toMillis() / 1000.0);
        return done / seconds;
    }

    /** Seconds until the last row at the current rate; null when that cannot be told yet. */
    Long etaSeconds(Instant now) {
        if (finishedAt != null || "COMPLETED".equals(status)) {
            return 0L;
        }
        double rate = rate(now);
        if (!manifestRead || rate <= 0) {
            return null;
        }
        return Math.round((total - done) / rate);
    }
}

package cn.insurer.archive.custody;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A sweep's state and progress. */
public record CustodyCheck(UUID id, String status, String triggeredBy, Instant startedAt, Instant finishedAt, int total,
                           int done, long bytesRead, int findings, String summarySha256, String failure) {

    /** Seconds the sweep has run until {@code now} (or ran in all), never zero so that rates stay finite. */
    public double secondsAt(Instant now) {
        Instant end = finishedAt == null ? now : finishedAt;
        return Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
    }
}

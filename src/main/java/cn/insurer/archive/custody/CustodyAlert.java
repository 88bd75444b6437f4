package cn.insurer.archive.custody;

import java.time.Instant;
import java.util.UUID;

/** Raised for the archive manager when a sweep finds anything. */
public record CustodyAlert(UUID id, UUID checkId, Instant raisedAt, int findings, String summary, String acknowledgedBy,
                           Instant acknowledgedAt) {
}

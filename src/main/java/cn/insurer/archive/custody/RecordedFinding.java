package cn.insurer.archive.custody;

import java.time.Instant;

/** A finding as persisted with its sweep. */
public record RecordedFinding(Finding finding, Instant foundAt) {
}

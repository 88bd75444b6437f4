package cn.insurer.archive.custody;

import java.util.UUID;

/** One thing a sweep found wrong; item and dossier are absent for orphans. */
public record Finding(FindingKind kind, UUID itemId, UUID dossierId, String objectKey, String expected, String actual) {
}

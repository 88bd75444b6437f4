package cn.insurer.archive.ingest;

/** What became of one manifest row. */
public enum RowOutcome {
    IMPORTED,
    /** The same file under the same path (or the same bytes) is already in the dossier. */
    SKIPPED_DUPLICATE,
    /** The dossier already holds a different file imported under the same path. */
    CONFLICT,
    FAILED
}

package cn.insurer.archive.search;

import java.nio.file.Path;

/**
 * The outcome of opening an index directory.
 *
 * @param quarantinedTo where an unusable directory was moved; null unless {@code status} is RECOVERED
 * @param problem       why the directory was unusable or outdated; null when {@code status} is OPENED or CREATED
 */
public record OpenResult(ArchiveIndex index, Status status, Path quarantinedTo, String problem) {

    public enum Status {
        /** An existing index was opened; resume feeding after {@link ArchiveIndex#position()}. */
        OPENED,
        /** There was no index; a new, empty one was created. */
        CREATED,
        /** The index was unusable, was moved aside, and a new, empty one was created. */
        RECOVERED,
        /**
         * The index is sound but its documents were written by an earlier mapping, which searches
         * cannot read correctly; it must be rebuilt in place.
         */
        OUTDATED
    }

    /** Whether the index starts empty and must be fed from position 0. */
    public boolean rebuildRequired() {
        return status != Status.OPENED;
    }
}

package cn.insurer.archive.search;

import java.nio.file.Path;

/**
 * The outcome of opening an index directory.
 *
 * @param quarantinedTo where an unusable directory was moved; null unless {@code status} is RECOVERED
 * @param problem       why the directory was unusable; null unless {@code status} is RECOVERED
 */
public record OpenResult(ArchiveIndex index, Status status, Path quarantinedTo, String problem) {

    public enum Status {
        /** An existing index was opened; resume feeding after {@link ArchiveIndex#position()}. */
        OPENED,
        /** There was no index; a new, empty one was created. */
        CREATED,
        /** The index was unusable, was moved aside, and a new, empty one was created. */
        RECOVERED
    }

    /** Whether the index starts empty and must be fed from position 0. */
    public boolean rebuildRequired() {
        return status != Status.OPENED;
    }
}

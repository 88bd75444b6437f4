package cn.insurer.archive.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The files an import reads: an uploaded ZIP or a server folder, with its manifest. */
interface ImportPackage extends AutoCloseable {

    /** {@code manifest.csv} or {@code manifest.xlsx}, whichever the package holds. */
    Optional<String> manifestName();

    InputStream openManifest() throws IOException;

    /** Every file besides the manifest under its normalized path, and what is wrong with entries as such. */
    Listing list() throws IOException;

    /**
     * Opens a file the manifest names, by its normalized path, reading no more than its limits allow.
     *
     * @throws RowRefused when the file is missing, ambiguous, a link, or unpacks out of proportion
     */
    InputStream open(String path) throws IOException;

    @Override
    void close() throws IOException;

    record Listing(Set<String> files, List<ImportProblem> problems) {
    }
}

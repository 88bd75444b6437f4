package cn.insurer.archive.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens an import's package, and decides which server folders an import may read. */
@ApplicationScoped
public class ImportPackages {

    @Inject
    IngestSettings settings;

    ImportPackage open(ImportRun run) throws IOException {
        if (Imports.Source.FOLDER.name().equals(run.source())) {
            return new FolderPackage(Path.of(run.location()), settings.importMaxEntries());
        }
        return new ZipPackage(Path.of(run.location()), settings.importMaxRatio(), settings.importMaxEntries());
    }

    /**
     * The folder as a real path when it lies under one of the roots the administrator configured
     * (links resolved, so a link cannot lead out of a root); empty otherwise.
     */
    public Optional<Path> allowedFolder(String folder) {
        if (folder == null || folder.isBlank() || folder.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        try {
            Path real = Path.of(folder.trim()).toRealPath();
            if (!Files.isDirectory(real)) {
                return Optional.empty();
            }
            for (Path root : settings.importRoots()) {
                if (Files.isDirectory(root) && real.startsWith(root.toRealPath())) {
                    return Optional.of(real);
                }
            }
            return Optional.empty();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether an uploaded file opens as a ZIP and holds a manifest at its top level.
     *
     * @throws TooManyEntriesException when the ZIP declares more entries than an import may have
     */
    public boolean readableZipWithManifest(Path file) throws IOException {
        try (ZipPackage zip = new ZipPackage(file, settings.importMaxRatio(), settings.importMaxEntries())) {
            return zip.manifestName().isPresent();
        } catch (RowRefused e) {
            throw new TooManyEntriesException(settings.importMaxEntries());
        }
    }

    /** An uploaded package with more entries than {@code ARCHIVE_IMPORT_MAX_ENTRIES}. */
    public static final class TooManyEntriesException extends RuntimeException {
        public final long limit;

        TooManyEntriesException(long limit) {
            super("more than " + limit + " entries");
            this.limit = limit;
        }
    }

    /** Where uploaded packages wait until their import is done. */
    public Path stagingDirectory() throws IOException {
        Path directory = settings.importDir();
        Files.createDirectories(directory);
        return directory;
    }

    /** An uploaded package is removed once its import has finished; a server folder is left as it is. */
    void release(ImportRun run) throws IOException {
        if (Imports.Source.ZIP.name().equals(run.source())) {
            Files.deleteIfExists(Path.of(run.location()));
        }
    }
}

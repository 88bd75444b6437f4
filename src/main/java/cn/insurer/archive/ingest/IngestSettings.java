package cn.insurer.archive.ingest;

import cn.insurer.archive.config.ArchiveSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What a bulk import may read from and how large it may be. */
@ApplicationScoped
public class IngestSettings {

    @Inject
    ArchiveSettings settings;

    @Inject
    @ConfigProperty(name = "archive.import.roots")
    Optional<String> importRoots;

    @Inject
    @ConfigProperty(name = "archive.import.max.bytes", defaultValue = "53687091200")
    long importMaxBytes;

    @Inject
    @ConfigProperty(name = "archive.import.max.ratio", defaultValue = "100")
    int importMaxRatio;

    @Inject
    @ConfigProperty(name = "archive.import.max.rows", defaultValue = "200000")
    int importMaxRows;

    @Inject
    @ConfigProperty(name = "archive.import.max.entries", defaultValue = "250000")
    long importMaxEntries;

    /** Server folders that bulk imports may read from; none means only uploaded packages. */
    public List<Path> importRoots() {
        return importRoots.stream().flatMap(roots -> Arrays.stream(roots.split("[,;" + File.pathSeparator + "]")))
                .map(String::trim).filter(root -> !root.isEmpty()).map(Path::of).toList();
    }

    /** The most an import package may hold once unpacked, all files together. */
    public long importMaxBytes() {
        return importMaxBytes;
    }

    /** The highest unpacked-to-packed ratio of one file in an import package. */
    public int importMaxRatio() {
        return importMaxRatio;
    }

    /** Most files one package may hold, checked before a ZIP's directory is read into memory. */
    public long importMaxEntries() {
        return importMaxEntries;
    }

    public int importMaxRows() {
        return importMaxRows;
    }

    public Path importDir() {
        return settings.dataDir().resolve("imports");
    }
}

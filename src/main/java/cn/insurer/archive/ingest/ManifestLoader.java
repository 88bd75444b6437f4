package cn.insurer.archive.ingest;

import cn.insurer.archive.config.ArchiveSettings;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The job's first step: reads the manifest, checks every row's path against the package, and stores
 * the rows. Runs once per import; a restarted import finds its rows already stored.
 */
@Named("importManifestLoader")
@Dependent
public class ManifestLoader extends AbstractBatchlet {

    static final String LOADED = "LOADED";
    static final String UNREADABLE = "UNREADABLE";
    private static final Logger LOG = Logger.getLogger(ManifestLoader.class.getName());

    @Inject
    JobContext job;

    @Inject
    Imports imports;

    @Inject
    ImportPackages packages;

    @Inject
    IngestSettings settings;

    @Inject
    ArchiveSettings archiveSettings;

    @Override
    public String process() {
        ImportRun run = imports.find(ImportJob.importId(job)).orElseThrow();
        if (run.manifestRead()) {
            return LOADED;
        }
        try (ImportPackage source = packages.open(run)) {
            Optional<String> name = source.manifestName();
            if (name.isEmpty()) {
                imports.fail(run.id(), ImportProblem.of(null, null, "import.manifest.missing"));
                return UNREADABLE;
            }
            Manifest manifest;
            try (InputStream in = source.openManifest()) {
                manifest = Manifest.read(name.get(), in, settings.importMaxRows(), archiveSettings.tempDir());
            }
            store(run, manifest, name.get(), source.list());
            return LOADED;
        } catch (ManifestText.ManifestTooLargeException e) {
            imports.fail(run.id(), ImportProblem.of(null, null, "import.manifest.too.large", e.limit));
        } catch (RowRefused e) {
            imports.fail(run.id(), e.problem(null, null));
        } catch (IOException | RuntimeException e) {
            // The exception's text (a parser's, a driver's, a path on this server) is for the log only.
            LOG.log(Level.WARNING, "Import " + run.id() + ": package or manifest unreadable", e);
            imports.fail(run.id(), ImportProblem.of(null, null, "import.package.unreadable"));
        }
        return UNREADABLE;
    }

    private void store(ImportRun run, Manifest manifest, String manifestName, ImportPackage.Listing listing) {
        Map<Integer, ImportProblem> refused = new LinkedHashMap<>(manifest.refused());
        Map<String, Integer> listed = new HashMap<>();
        List<ManifestRow> rows = new ArrayList<>();
        for (ManifestRow row : manifest.rows()) {
            if (refused.containsKey(row.number())) {
                rows.add(row);
                continue;
            }
            String raw = row.path();
            Optional<String> path = PackagePaths.normalize(raw);
            if (raw == null) {
                refused.put(row.number(), ImportProblem.of(row.number(), null, "import.row.path.missing"));
            } else if (path.isEmpty()) {
                refused.put(row.number(), ImportProblem.of(row.number(), SafeText.printable(raw), "import.path.unsafe"));
            } else if (path.get().equals(manifestName)) {
                refused.put(row.number(), ImportProblem.of(row.number(), path.get(), "import.row.path.manifest"));
            } else if (listed.containsKey(path.get())) {
                refused.put(row.number(), ImportProblem.of(row.number(), path.get(), "import.row.path.duplicate",
                        listed.get(path.get())));
            } else {
                listed.put(path.get(), row.number());
                Map<String, String> fields = new LinkedHashMap<>(row.fields());
                fields.put(ManifestColumns.PATH, path.get());
                rows.add(new ManifestRow(row.number(), fields));
                continue;
            }
            rows.add(row);
        }
        List<ImportProblem> problems = new ArrayList<>(manifest.problems());
        problems.addAll(listing.problems());
        for (String unlisted : new TreeSet<>(listing.files())) {
            if (!listed.containsKey(unlisted)) {
                problems.add(ImportProblem.of(null, unlisted, "import.file.unlisted"));
            }
        }
        imports.loadManifest(run.id(), rows, refused, problems);
    }
}

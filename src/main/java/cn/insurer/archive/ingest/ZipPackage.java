package cn.insurer.archive.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * An uploaded ZIP, read in place from the staging area: entries are streamed one at a time into
 * staged files with generated names, so no entry name ever becomes a path on this server.
 */
final class ZipPackage implements ImportPackage {

    private final ZipFile zip;
    private final int maxRatio;
    private final Map<String, List<ZipArchiveEntry>> byPath = new HashMap<>();
    private final List<ImportProblem> entryProblems = new ArrayList<>();

    ZipPackage(Path file, int maxRatio, long maxEntries) throws IOException {
        long declared = ZipEntryCount.declared(file).orElse(0);
        if (declared > maxEntries) {
            throw new RowRefused("import.package.entries.limit", declared, maxEntries);
        }
        this.zip = ZipFile.builder().setPath(file).get();
        this.maxRatio = maxRatio;
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
            if (entry.isDirectory()) {
                continue;
            }
            Optional<String> path = PackagePaths.normalize(entry.getName());
            if (path.isEmpty()) {
                entryProblems.add(ImportProblem.of(null, printable(entry.getName()), "import.entry.unsafe"));
                continue;
            }
            byPath.computeIfAbsent(path.get(), key -> new ArrayList<>()).add(entry);
        }
        byPath.forEach((path, entries) -> {
            if (entries.size() > 1) {
                entryProblems.add(ImportProblem.of(null, path, "import.entry.duplicate", entries.size()));
            }
        });
    }

    @Override
    public Optional<String> manifestName() {
        if (byPath.containsKey(Manifest.XLSX)) {
            return Optional.of(Manifest.XLSX);
        }
        return byPath.containsKey(Manifest.CSV) ? Optional.of(Manifest.CSV) : Optional.empty();
    }

    @Override
    public InputStream openManifest() throws IOException {
        return open(manifestName().orElseThrow());
    }

    @Override
    public Listing list() {
        Set<String> files = new HashSet<>(byPath.keySet());
        manifestName().ifPresent(files::remove);
        return new Listing(files, List.copyOf(entryProblems));
    }

    @Override
    public InputStream open(String path) throws IOException {
        List<ZipArchiveEntry> entries = byPath.get(path);
        if (entries == null) {
            throw new RowRefused("import.file.missing");
        }
        if (entries.size() > 1) {
            throw new RowRefused("import.file.ambiguous", entries.size());
        }
        ZipArchiveEntry entry = entries.get(0);
        if (entry.isUnixSymlink()) {
            throw new RowRefused("import.file.symlink");
        }
        return new BoundedEntryStream(zip.getInputStream(entry), entry.getCompressedSize(), maxRatio);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    static String printable(String name) {
        String clean = name == null ? "" : SafeText.printable(name);
        return clean.length() > PackagePaths.MAX_LENGTH ? clean.substring(0, PackagePaths.MAX_LENGTH) : clean;
    }
}

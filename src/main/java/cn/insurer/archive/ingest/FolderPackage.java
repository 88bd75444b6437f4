package cn.insurer.archive.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder on the server for loads too large to upload, under a root the administrator allowed.
 * Links are never followed: a link anywhere on a file's path is refused like a link entry in a ZIP.
 */
final class FolderPackage implements ImportPackage {

    private final Path root;
    private final long maxEntries;

    FolderPackage(Path root, long maxEntries) throws IOException {
        this.root = root.toRealPath();
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<String> manifestName() {
        for (String name : List.of(Manifest.XLSX, Manifest.CSV)) {
            if (Files.isRegularFile(root.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    @Override
    public InputStream openManifest() throws IOException {
        return open(manifestName().orElseThrow());
    }

    @Override
    public Listing list() throws IOException {
        Set<String> files = new HashSet<>();
        List<ImportProblem> problems = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).forEach(path -> {
                if (files.size() + problems.size() >= maxEntries) {
                    throw new RowRefused("import.package.entries.limit", "> " + maxEntries, maxEntries);
                }
                String relative = root.relativize(path).toString().replace('\\', '/');
                Optional<String> normalized = PackagePaths.normalize(relative);
                if (normalized.isEmpty()) {
                    problems.add(ImportProblem.of(null, ZipPackage.printable(relative), "import.entry.unsafe"));
                } else {
                    files.add(normalized.get());
                }
            });
        }
        manifestName().ifPresent(files::remove);
        return new Listing(files, problems);
    }

    @Override
    public InputStream open(String path) throws IOException {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new RowRefused("import.path.unsafe");
        }
        for (Path step = file; !step.equals(root); step = step.getParent()) {
            if (Files.isSymbolicLink(step)) {
                throw new RowRefused("import.file.symlink");
            }
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new RowRefused("import.file.missing");
        }
        return Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() {
        // Nothing is held open between files.
    }
}

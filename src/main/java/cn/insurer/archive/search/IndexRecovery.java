package cn.insurer.archive.search;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/** Tells an unusable index directory from a usable one, and moves an unusable one aside. */
final class IndexRecovery {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private IndexRecovery() {
    }

    /** Whether the directory holds nothing but, perhaps, a lock file left by a previous process. */
    static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> p.getFileName().toString().equals(IndexWriter.WRITE_LOCK_NAME));
        }
    }

    /**
     * Describes why the index in {@code dir} cannot be used, or empty when it can. Only damage
     * is reported; other I/O failures, a lock held by another writer among them, are thrown
     * because moving the directory aside would not cure them and could destroy a healthy index.
     */
    static Optional<String> diagnose(Path dir, ArchiveIndex.Verification verification) throws IOException {
        try (Directory directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) {
                return Optional.of("no commit point, but files present: " + fileNames(directory));
            }
            if (verification == ArchiveIndex.Verification.CHECK_INDEX) {
                return checkIndex(directory);
            }
            SegmentInfos.readLatestCommit(directory);
            // Opening a reader opens every segment, which verifies headers, footers and small files.
            DirectoryReader.open(directory).close();
            return Optional.empty();
        } catch (IOException e) {
            if (isDamage(e)) {
                return Optional.of(e.toString());
            }
            throw e;
        }
    }

    /**
     * Describes how the segments of the sound index in {@code dir} are ordered when that is not
     * by {@code sort}, or empty when every segment is; an index without segments has no order.
     */
    static Optional<String> otherSort(Path dir, org.apache.lucene.search.Sort sort) throws IOException {
        try (Directory directory = FSDirectory.open(dir)) {
            for (org.apache.lucene.index.SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
                org.apache.lucene.search.Sort found = segment.info.getIndexSort();
                if (!sort.equals(found)) {
                    return Optional.of("segment " + segment.info.name + " is "
                            + (found == null ? "unsorted" : "sorted by " + found));
                }
            }
            return Optional.empty();
        }
    }

    static boolean isDamage(IOException e) {
        return e instanceof CorruptIndexException
                || e instanceof IndexFormatTooOldException
                || e instanceof IndexFormatTooNewException
                || e instanceof EOFException
                || e instanceof NoSuchFileException
                || e instanceof FileNotFoundException;
    }

    private static Optional<String> checkIndex(Directory directory) throws IOException {
        try (CheckIndex checker = new CheckIndex(directory)) {
            CheckIndex.Status status = checker.checkIndex();
            if (status.clean) {
                return Optional.empty();
            }
            return Optional.of("CheckIndex found problems: " + status.numBadSegments + " bad segment(s)"
                    + (status.missingSegments ? ", segments file missing or unreadable" : ""));
        }
    }

    private static List<String> fileNames(Directory directory) throws IOException {
        return List.of(directory.listAll());
    }

    /**
     * Moves the directory to a timestamped sibling and leaves an empty directory in its place.
     * The damaged files are kept rather than deleted so that they can be examined.
     */
    static Path quarantine(Path dir, Clock clock) throws IOException {
        Path target = freeSibling(dir, clock);
        try {
            Files.move(dir, target);
        } catch (FileSystemException e) {
            // A mount point (a container volume, say) cannot be renamed; move its contents instead.
            Files.createDirectories(target);
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    Files.move(entry, target.resolve(entry.getFileName()));
                }
            }
        }
        Files.createDirectories(dir);
        return target;
    }

    private static Path freeSibling(Path dir, Clock clock) {
        Path absolute = dir.toAbsolutePath();
        String base = absolute.getFileName() + ".corrupt-" + STAMP.format(clock.instant());
        Path candidate = absolute.resolveSibling(base);
        for (int n = 1; Files.exists(candidate); n++) {
            candidate = absolute.resolveSibling(base + "-" + n);
        }
        return candidate;
    }
}

package cn.insurer.archive.platform;

import cn.insurer.archive.config.ArchiveSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The data folder's {@code tmp}: uploads being staged, watermarked copies, transfer packages and
 * import manifests being read, each kept for one request or one step. A server killed in the middle
 * of one leaves its file behind (an upload half received, never filed); nothing can be using them
 * before the application is up, so they are removed as it starts.
 */
@ApplicationScoped
public class ScratchFolder {

    private static final Logger LOG = Logger.getLogger(ScratchFolder.class.getName());

    @Inject
    ArchiveSettings settings;

    void onPreparing(@Observes Startup.Preparing preparing) {
        Path folder = settings.tempDir();
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> left;
        try (Stream<Path> entries = Files.list(folder)) {
            left = entries.toList();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot list " + folder + " to remove what an earlier run left there", e);
            return;
        }
        for (Path entry : left) {
            remove(entry);
        }
        if (!left.isEmpty()) {
            LOG.info("Removed " + left.size() + " temporary file(s) an earlier run left in " + folder);
        }
    }

    /** A leftover that cannot be removed costs disk space, not the start. */
    private static void remove(Path entry) {
        try (Stream<Path> tree = Files.walk(entry)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "Cannot remove " + entry, e);
        }
    }
}

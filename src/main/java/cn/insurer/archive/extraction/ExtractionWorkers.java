package cn.insurer.archive.extraction;

import cn.insurer.archive.dossier.ItemExtractions;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.dossier.DossierChanged;
import cn.insurer.archive.platform.Startup;
import cn.insurer.archive.storage.ObjectStore;
import cn.insurer.archive.storage.ObjectStoreException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs extraction in the background: two threads per extractor process, each claiming an item,
 * fetching its bytes from the object store and handing them to an isolated child JVM as soon as
 * one is free. A hostile file can only cost its own child process.
 */
@ApplicationScoped
public class ExtractionWorkers {

    private static final Logger LOG = Logger.getLogger(ExtractionWorkers.class.getName());
    private static final Duration IDLE_POLL = Duration.ofSeconds(2);
    /**
     * Threads per child: while one waits for its child, the other records the outcome of its last
     * item and claims and fetches its next one, so the child never idles on the database or the store.
     */
    private static final int FEEDERS_PER_CHILD = 2;

    @Inject
    ExtractionSettings settings;

    @Inject
    ArchiveSettings archiveSettings;

    @Inject
    ExtractionQueue queue;

    @Inject
    ObjectStore objectStore;

    @Inject
    ExtractionMetrics metrics;

    @Resource
    ManagedThreadFactory threadFactory;

    private final Object wakeUp = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private ExtractorPool pool;
    private Path workDir;

    void start(@Observes Startup.Started started) throws IOException {
        workDir = archiveSettings.dataDir().resolve("extraction");
        Files.createDirectories(workDir);
        Path home = settings.extractorHome();
        String classpath = home.resolve("classes") + java.io.File.pathSeparator + home.resolve("lib") + "/*";
        ExtractorSettings extractor = ExtractorSettings.forClasspath(classpath)
                .withWorkers(settings.extractionWorkers())
                .withTimeout(Duration.ofSeconds(settings.extractionTimeoutSeconds()))
                .withMaxHeap(settings.extractionHeap())
                .withOcr(settings.ocrEnabled() && DocumentExtractor.tesseractOnPath(), settings.ocrLanguages())
                .withMaxCharacters(settings.extractionMaxCharacters())
                .withWorkDir(workDir);
        removeLeftovers(workDir);
        int requeued = queue.requeueLeftByThisNode();
        if (requeued > 0) {
            LOG.warning(requeued + " item(s) this node was extracting when it stopped went back to the queue");
        }
        pool = new ExtractorPool(extractor);
        running = true;
        for (int i = 0; i < extractor.workers() * FEEDERS_PER_CHILD; i++) {
            Thread thread = threadFactory.newThread(this::work);
            thread.setName("archive-extraction-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        LOG.info("Extraction started: " + extractor.workers() + " isolated workers, OCR "
                + (extractor.ocrEnabled() ? "on (" + extractor.ocrLanguages() + ")" : "off"));
    }

    void onFiled(@Observes(during = TransactionPhase.AFTER_SUCCESS) DossierChanged change) {
        if (change.itemId() != null && !change.textOnly()) {
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
        }
    }

    private void work() {
        // A claimed item may wait for the document before it on its child, up to a timeout, then take its own.
        Duration lease = Duration.ofSeconds(2L * settings.extractionTimeoutSeconds() + 120L);
        while (running) {
            try {
                Optional<ItemExtractions.Claim> claim = queue.claimNext(lease);
                if (claim.isPresent()) {
                    extract(claim.get());
                } else {
                    synchronized (wakeUp) {
                        wakeUp.wait(IDLE_POLL.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // A failed commit comes out of a @Transactional call as a checked RollbackException, which must not end this loop.
                if (running) {
                    LOG.log(Level.WARNING, "Extraction loop failed; retrying shortly", e);
                    pause();
                }
            }
        }
    }

    private void extract(ItemExtractions.Claim claim) throws InterruptedException {
        Path input = workDir.resolve("in-" + claim.itemId());
        ExtractionOutcome outcome = null;
        boolean giveBack = false;
        try {
            try (InputStream in = objectStore.open(claim.hash())) {
                Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
            }
            outcome = pool.extract(input, claim.fileName(), claim.mediaType());
            if (ExtractorProcess.STOPPED.equals(outcome.reason())) {
                // The child was gone before it had the document (the server stopping, a child killed while idle).
                LOG.info("Extractor stopped before item " + claim.itemId() + "; it goes back to the queue");
                giveBack = true;
            } else {
                String text = outcome.isDone() && outcome.textFile() != null
                        ? Files.readString(outcome.textFile(), StandardCharsets.UTF_8) : null;
                queue.record(claim.itemId(), outcome, text);
                metrics.finished(outcome.status());
            }
        } catch (ObjectStoreException e) {
            // Said every couple of seconds while the store is down: one line each, without the stack.
            LOG.warning("Could not fetch item " + claim.itemId() + " from the object store; it goes back to the queue: "
                    + e.getMessage() + " (" + e.getCause() + ")");
            giveBack = true;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // The outcome's commit too may fail (the database restarting): a checked RollbackException then.
            LOG.log(Level.WARNING, "Could not extract item " + claim.itemId() + "; it goes back to the queue", e);
            giveBack = true;
        } finally {
            delete(input);
            if (outcome != null && outcome.textFile() != null) {
                delete(outcome.textFile());
            }
        }
        // Only once its files are gone: another worker may claim the item at once, and uses the same input path.
        if (giveBack) {
            giveBack(claim.itemId());
            pause();
        }
    }

    /**
     * Back to the queue even if the database is restarting just now (which may be why the outcome
     * could not be recorded): otherwise the item would wait RUNNING until its lease ran out.
     */
    private void giveBack(UUID itemId) {
        long started = System.nanoTime();
        long patience = Duration.ofSeconds(settings.extractionTimeoutSeconds()).toNanos();
        while (true) {
            try {
                queue.release(itemId);
                metrics.requeued();
                return;
            } catch (Exception e) {
                if (!running || System.nanoTime() - started > patience) {
                    // Its lease runs out, or this node's next start gives it back.
                    LOG.warning("Could not give item " + itemId + " back to the queue: " + e);
                    return;
                }
                LOG.warning("Could not give item " + itemId + " back to the queue yet; trying again shortly: " + e);
                pause();
            }
        }
    }

    /**
     * Inputs, texts and children's folders a killed server left behind: nothing of this node can be
     * using them before its workers start, and nobody else works in this node's data folder.
     */
    private static void removeLeftovers(Path folder) throws IOException {
        List<Path> left;
        try (Stream<Path> entries = Files.list(folder)) {
            left = entries.toList();
        }
        for (Path entry : left) {
            try (Stream<Path> tree = Files.walk(entry)) {
                tree.sorted(Comparator.reverseOrder()).forEach(ExtractionWorkers::delete);
            }
        }
        if (!left.isEmpty()) {
            LOG.info("Removed " + left.size() + " file(s) an earlier run of extraction left in " + folder);
        }
    }

    private void pause() {
        try {
            Thread.sleep(IDLE_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not delete " + file, e);
        }
    }

    public boolean running() {
        return running;
    }

    @PreDestroy
    void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        if (pool != null) {
            pool.close();
        }
    }
}

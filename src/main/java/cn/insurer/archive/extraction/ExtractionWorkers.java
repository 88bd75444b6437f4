package cn.insurer.archive.extraction;

import cn.insurer.archive.dossier.ItemExtractions;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.dossier.DossierChanged;
import cn.insurer.archive.platform.Startup;
import cn.insurer.archive.storage.ObjectStore;
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
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs extraction in the background: as many threads as extractor processes, each claiming an item,
 * fetching its bytes from the object store and handing them to an isolated child JVM. A hostile file
 * can only cost its own child process.
 */
@ApplicationScoped
public class ExtractionWorkers {

    private static final Logger LOG = Logger.getLogger(ExtractionWorkers.class.getName());
    private static final Duration IDLE_POLL = Duration.ofSeconds(2);

    @Inject
    ArchiveSettings settings;

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
        workDir = settings.dataDir().resolve("extraction");
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
        pool = new ExtractorPool(extractor);
        running = true;
        for (int i = 0; i < extractor.workers(); i++) {
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
        if (change.itemId() != null) {
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
        }
    }

    private void work() {
        Duration lease = Duration.ofSeconds(settings.extractionTimeoutSeconds() + 120L);
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
            } catch (RuntimeException e) {
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
        try {
            try (InputStream in = objectStore.open(claim.hash())) {
                Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
            }
            outcome = pool.extract(input, claim.fileName());
            String text = outcome.isDone() && outcome.textFile() != null
                    ? Files.readString(outcome.textFile(), StandardCharsets.UTF_8) : null;
            queue.record(claim.itemId(), outcome, text);
            metrics.finished(outcome.status());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not extract item " + claim.itemId() + "; it goes back to the queue", e);
            queue.release(claim.itemId());
            metrics.requeued();
            pause();
        } finally {
            delete(input);
            if (outcome != null && outcome.textFile() != null) {
                delete(outcome.textFile());
            }
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

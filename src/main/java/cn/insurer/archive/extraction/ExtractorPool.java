package cn.insurer.archive.extraction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A fixed number of extraction children shared by any number of threads. Children start on first use, are
 * replaced after a crash, a timeout or {@link ExtractorSettings#docsPerChild()} documents, and all stop on
 * {@link #close()}.
 */
public final class ExtractorPool implements AutoCloseable {

    private final ExtractorSettings settings;
    private final List<Worker> workers;
    private final BlockingQueue<Worker> idle;
    private final AtomicInteger childrenStarted = new AtomicInteger();
    private volatile boolean closed;

    public ExtractorPool(ExtractorSettings settings) throws IOException {
        this.settings = settings;
        Files.createDirectories(settings.workDir());
        this.workers = IntStream.range(0, settings.workers())
                .mapToObj(i -> new Worker(settings, childrenStarted))
                .toList();
        this.idle = new ArrayBlockingQueue<>(workers.size(), false, workers);
    }

    /**
     * Extracts the text of a document, waiting for a free child first. Problems caused by the document, including
     * hangs and crashes of the child, are reported in the outcome rather than thrown.
     *
     * @param input    the document; it is only read
     * @param fileName the document's original name, used for format and charset detection
     * @return the outcome; when {@code DONE} its {@code textFile} is a new file in the work directory that the
     *         caller must delete
     * @throws IOException          if the input does not exist, the work directory is unusable or no child could be
     *                              started (the document was not tried, so the caller may try it again later)
     * @throws InterruptedException if interrupted while waiting; a child working on the document is killed
     * @throws IllegalStateException if the pool is closed
     */
    public ExtractionOutcome extract(Path input, String fileName) throws IOException, InterruptedException {
        return extract(input, fileName, null);
    }

    /**
     * As {@link #extract(Path, String)}, for a document whose media type was detected from its bytes and name
     * when it was filed: the child parses it as that type instead of detecting it again (null: detect).
     */
    public ExtractionOutcome extract(Path input, String fileName, String detectedType) throws IOException, InterruptedException {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString());
        }
        String name = fileName == null || fileName.isBlank() ? String.valueOf(input.getFileName()) : fileName;
        ensureOpen();
        Worker worker = idle.take();
        Path output = null;
        boolean keepOutput = false;
        try {
            ensureOpen();
            output = Files.createTempFile(settings.workDir(), "text-", ".txt");
            ExtractionOutcome outcome = worker.extract(input, name, detectedType, output);
            keepOutput = outcome.isDone();
            return outcome;
        } finally {
            idle.add(worker);
            if (output != null && !keepOutput) {
                Files.deleteIfExists(output);
            }
        }
    }

    public ExtractorSettings settings() {
        return settings;
    }

    /**
     * Child JVMs launched or attempted so far; beyond one per worker it grows only through crashes, timeouts and
     * recycling, which makes it a useful health metric.
     */
    public int childrenStarted() {
        return childrenStarted.get();
    }

    /** Stops all children; extractions still running end as {@code FAILED}. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Worker::close);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("extractor pool is closed");
        }
    }
}

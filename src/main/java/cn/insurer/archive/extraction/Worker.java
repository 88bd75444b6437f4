package cn.insurer.archive.extraction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A slot of the pool: owns at most one child at a time and replaces it when it dies or has worked enough. */
final class Worker implements AutoCloseable {

    private final ExtractorSettings settings;
    private final AtomicInteger childrenStarted;
    private volatile ExtractorProcess child;
    private volatile boolean closed;

    Worker(ExtractorSettings settings, AtomicInteger childrenStarted) {
        this.settings = settings;
        this.childrenStarted = childrenStarted;
    }

    /**
     * @throws IOException if a new child could not be started: the document was never tried, so it is
     *                     not the document's failure (a busy machine, a child killed while loading)
     */
    synchronized ExtractionOutcome extract(Path input, String fileName, String detectedType, Path output)
            throws IOException, InterruptedException {
        ExtractorProcess current = child;
        if (current == null || current.isStopped()) {
            current = new ExtractorProcess(settings);
            child = current;
            // close() may have read the previous child just before the assignment; then this one is ours to stop.
            if (closed) {
                current.close();
                return ExtractionOutcome.failed(ExtractorProcess.STOPPED);
            }
            childrenStarted.incrementAndGet();
            try {
                current.start();
            } catch (IOException e) {
                current.close();
                throw e;
            } catch (IllegalStateException stopped) {
                return ExtractionOutcome.failed(ExtractorProcess.STOPPED);
            }
        }
        ExtractionOutcome outcome = current.extract(input, fileName, detectedType, output);
        if (current.documentsExtracted() >= settings.docsPerChild()) {
            // Parsers leak (caches, threads, native memory); a fresh JVM now and then keeps that bounded.
            current.close();
        }
        return outcome;
    }

    @Override
    public void close() {
        closed = true;
        ExtractorProcess current = child;
        if (current != null) {
            current.close();
        }
    }
}

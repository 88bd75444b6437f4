package cn.insurer.archive.extraction;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One extraction child JVM. Documents are handled one at a time; a document that takes too long gets the child
 * killed, and a child that dies takes only its current document with it. A stopped instance is not restarted:
 * create a new one.
 */
public final class ExtractorProcess implements AutoCloseable {

    static final String STOPPED = "extractor stopped";

    private static final System.Logger LOG = System.getLogger(ExtractorProcess.class.getName());
    /** Generous because a loaded server may need a while to start a JVM and load all of Tika's parsers. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    private static final Duration GRACEFUL_EXIT_WAIT = Duration.ofSeconds(2);
    private static final int MAX_RESPONSE_LENGTH = 64 * 1024;
    private static final int STARTUP_ERROR_LINES = 3;

    private final ExtractorSettings settings;
    /** Lines from the child's stdout; empty marks the end of the stream. */
    private final BlockingQueue<Optional<String>> responses = new LinkedBlockingQueue<>();
    private volatile Process process;
    private volatile boolean closed;
    /** Set while a document is out; a busy child would not notice its stdin closing, so it is killed at once. */
    private volatile boolean busy;
    private Writer requests;
    private ChildErrorLog errors;
    private volatile Path tempDir;
    private volatile String name = "extractor";
    private volatile int documents;

    public ExtractorProcess(ExtractorSettings settings) {
        this.settings = settings;
    }

    /**
     * Launches the child and waits until Tika is loaded, so that the document timeout measures parsing only.
     *
     * @throws IOException if the child cannot be launched or dies or hangs while starting
     */
    public synchronized void start() throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException(STOPPED);
        }
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        Files.createDirectories(settings.workDir());
        tempDir = Files.createTempDirectory(settings.workDir(), "child-");
        ProcessBuilder builder = new ProcessBuilder(command()).directory(tempDir.toFile());
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            deleteTempDir();
            throw new IOException("extractor could not start: " + FailureReason.describe(e), e);
        }
        name = "extractor-" + started.pid();
        process = started;
        errors = ChildErrorLog.start(started.getErrorStream(), name);
        readResponses(started.getInputStream());
        requests = new BufferedWriter(new OutputStreamWriter(started.getOutputStream(), StandardCharsets.UTF_8));
        if (closed) {
            kill();
            throw new IllegalStateException(STOPPED);
        }
        awaitReady();
        LOG.log(Level.DEBUG, "{0} started", name);
    }

    /** Extracts one document within the configured {@link ExtractorSettings#timeout()}. */
    public ExtractionOutcome extract(Path input, String fileName, String detectedType, Path output) throws InterruptedException {
        return extract(input, fileName, detectedType, output, settings.timeout());
    }

    /**
     * Extracts one document, starting the child first if needed. Never throws for problems caused by the document
     * or the child; those become {@code FAILED} outcomes.
     *
     * @param input    the document
     * @param fileName the document's original name, which guides format and charset detection
     * @param detectedType the document's media type as detected from its bytes and name when it was filed, which
     *                 the child then need not detect again; null or blank to let the child detect it
     * @param output   where the child writes the text; the outcome refers to it only when {@code DONE}
     * @param timeout  longest time the document may take before the child is killed
     * @throws InterruptedException if the calling thread is interrupted; the child is then killed
     */
    public synchronized ExtractionOutcome extract(Path input, String fileName, String detectedType, Path output,
                                                  Duration timeout)
            throws InterruptedException {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (closed) {
            return ExtractionOutcome.failed(STOPPED);
        }
        if (process == null) {
            try {
                start();
            } catch (IOException e) {
                return ExtractionOutcome.failed(FailureReason.trim(e.getMessage()));
            }
        }
        if (!process.isAlive()) {
            // Already reported with the document that ended it.
            return ExtractionOutcome.failed(STOPPED);
        }
        documents++;
        busy = true;
        try {
            return send(input, fileName, detectedType, output, timeout);
        } finally {
            busy = false;
        }
    }

    private ExtractionOutcome send(Path input, String fileName, String detectedType, Path output, Duration timeout)
            throws InterruptedException {
        try {
            requests.write(Protocol.request(input.toAbsolutePath(), fileName, detectedType, output.toAbsolutePath()));
            requests.write('\n');
            requests.flush();
        } catch (IOException e) {
            return crashed(fileName);
        }
        Optional<String> response;
        try {
            response = responses.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            kill();
            throw e;
        }
        if (response == null) {
            kill();
            LOG.log(Level.WARNING, "{0} killed after {1} on {2}", name, describe(timeout), fileName);
            return ExtractionOutcome.failed("timed out after " + describe(timeout));
        }
        if (response.isEmpty()) {
            return crashed(fileName);
        }
        try {
            return Protocol.parseResponse(response.get(), output);
        } catch (IllegalArgumentException e) {
            // The child's state is unknown after a garbled answer; it must not handle another document.
            kill();
            return ExtractionOutcome.failed("extractor protocol error: " + FailureReason.trim(e.getMessage()));
        }
    }

    /** True once started and until the child exits, is killed or this instance is closed. */
    public boolean isRunning() {
        Process current = process;
        return !closed && current != null && current.isAlive();
    }

    /** True when this instance can no longer extract, so its owner should replace it. */
    public boolean isStopped() {
        Process current = process;
        return closed || current != null && !current.isAlive();
    }

    /** Documents sent to this child so far, including those that failed. */
    public int documentsExtracted() {
        return documents;
    }

    /** Operating system id of the child, or -1 before it started. */
    public long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    /**
     * Stops the child: an idle child exits on its own once its stdin closes, a busy one is killed. Safe to call
     * from any thread, also while another thread waits in {@link #extract}, which then returns {@code FAILED}.
     */
    @Override
    public void close() {
        closed = true;
        Process current = process;
        if (current == null) {
            return;
        }
        if (busy) {
            kill();
            return;
        }
        try {
            current.getOutputStream().close();
            current.waitFor(GRACEFUL_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            // Already gone; kill() below settles the rest.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(settings.javaExecutable().toString());
        command.add("-Xmx" + settings.maxHeap());
        // An OutOfMemoryError leaves a parser's state undefined; a dead child is replaced, a damaged one is not.
        command.add("-XX:+ExitOnOutOfMemoryError");
        // One document at a time needs no parallel collector; the serial one uses the least memory and threads.
        command.add("-XX:+UseSerialGC");
        // Parsing touches a great deal of code a few times each; the optimising compiler costs more than
        // it wins back in a child's life: 2,448 documents took 79 s of CPU with it, 45 s without.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        // Parsers spool to temporary files that a killed child cannot delete; a private directory can be.
        command.add("-Djava.io.tmpdir=" + tempDir);
        command.addAll(ChildOptions.of(settings).toJvmArguments());
        command.add("-cp");
        command.add(absoluteClasspath(settings.classpath()));
        command.add(ExtractorMain.class.getName());
        return command;
    }

    /** The child runs in its own temporary directory, where relative classpath entries would point nowhere. */
    static String absoluteClasspath(String classpath) {
        StringJoiner absolute = new StringJoiner(File.pathSeparator);
        for (String entry : classpath.split(Pattern.quote(File.pathSeparator))) {
            if (entry.isBlank()) {
                continue;
            }
            if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
                String dir = entry.substring(0, entry.length() - 1);
                absolute.add(Path.of(dir.isEmpty() ? "." : dir).toAbsolutePath().normalize() + File.separator + "*");
            } else {
                absolute.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return absolute.toString();
    }

    private void readResponses(InputStream stdout) {
        String threadName = name + "-stdout";
        Thread reader = new Thread(() -> {
            BoundedLineReader lines = new BoundedLineReader(
                    new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)), MAX_RESPONSE_LENGTH);
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (Protocol.isProtocolLine(line)) {
                        responses.add(Optional.of(line));
                    } else {
                        LOG.log(Level.INFO, "{0} printed outside the protocol: {1}", threadName, line);
                    }
                }
            } catch (IOException e) {
                // The pipe breaks when the child is killed; that is reported as its end.
            } finally {
                responses.add(Optional.empty());
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void awaitReady() throws IOException, InterruptedException {
        Optional<String> first;
        try {
            first = responses.poll(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill();
            throw e;
        }
        if (first == null) {
            kill();
            throw new IOException("extractor did not start within " + describe(STARTUP_TIMEOUT));
        }
        if (first.isEmpty()) {
            String exit = exitCode();
            errors.awaitEnd(EXIT_WAIT.toMillis());
            List<String> tail = errors.tail();
            String detail = String.join(" | ", tail.subList(Math.max(0, tail.size() - STARTUP_ERROR_LINES),
                    tail.size()));
            kill();
            throw new IOException("extractor could not start (exit code " + exit + ")"
                    + (detail.isBlank() ? "" : ": " + detail));
        }
        if (!first.get().equals(Protocol.READY)) {
            kill();
            throw new IOException("extractor sent " + first.get() + " instead of " + Protocol.READY);
        }
    }

    private ExtractionOutcome crashed(String fileName) throws InterruptedException {
        if (closed) {
            kill();
            return ExtractionOutcome.failed(STOPPED);
        }
        String exit = exitCode();
        errors.awaitEnd(EXIT_WAIT.toMillis());
        LOG.log(Level.WARNING, "{0} died on {1} with exit code {2}; last output: {3}", name, fileName, exit,
                String.join("\n", errors.tail()));
        kill();
        return ExtractionOutcome.failed("extractor crashed (exit code " + exit + "; out of memory?)");
    }

    private String exitCode() throws InterruptedException {
        Process current = process;
        if (current.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            return String.valueOf(current.exitValue());
        }
        return "unknown";
    }

    /** Kills the child together with its own children, such as a running tesseract, and removes its files. */
    private void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.descendants().forEach(ProcessHandle::destroyForcibly);
        current.destroyForcibly();
        try {
            if (!current.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "{0} did not exit after being killed", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTempDir();
    }

    private void deleteTempDir() {
        Path dir = tempDir;
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, "Could not remove {0}: {1}", dir, e);
        }
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}

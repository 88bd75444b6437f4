package cn.insurer.archive.extraction;

import static cn.insurer.archive.extraction.TestDocuments.corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real child JVM per test, misbehaving through {@link TestParsers}. */
class ExtractorProcessTest {

    @TempDir
    Path dir;

    @Test
    void hangingParserIsKilledAfterTheTimeout() throws Exception {
        try (ExtractorProcess process = new ExtractorProcess(TestDocuments.settings(dir))) {
            process.start();
            long pid = process.pid();

            long started = System.nanoTime();
            ExtractionOutcome outcome = process.extract(TestDocuments.misbehaving(dir, TestParsers.HANGING_EXTENSION),
                    "stuck.hang", null, dir.resolve("o.txt"), Duration.ofSeconds(1));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertEquals(ExtractionOutcome.failed("timed out after 1 s"), outcome);
            assertTrue(elapsedMillis < 10_000, "took " + elapsedMillis + " ms");
            assertTrue(process.isStopped());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void childRunningOutOfMemoryIsReportedAsCrash() throws Exception {
        ExtractorSettings settings = TestDocuments.settings(dir).withMaxHeap("64m");
        try (ExtractorProcess process = new ExtractorProcess(settings)) {
            ExtractionOutcome outcome = process.extract(
                    TestDocuments.misbehaving(dir, TestParsers.MEMORY_HOG_EXTENSION), "bomb.hog", null, dir.resolve("o.txt"));

            assertEquals(ExtractionOutcome.failed("extractor crashed (exit code 3; out of memory?)"), outcome);
            assertTrue(process.isStopped());
            assertEquals(ExtractionOutcome.failed(ExtractorProcess.STOPPED),
                    process.extract(corpus("testPDF.pdf"), "testPDF.pdf", null, dir.resolve("p.txt")));
        }
    }

    @Test
    void libraryOutputOnStdoutDoesNotCorruptTheProtocol() throws Exception {
        try (ExtractorProcess process = new ExtractorProcess(TestDocuments.settings(dir))) {
            process.start();
            assertEquals(1, childTempDirs());
            Path output = dir.resolve("noisy.txt");
            ExtractionOutcome outcome = process.extract(
                    TestDocuments.misbehaving(dir, TestParsers.NOISY_EXTENSION), "chatty.noisy", null, output);

            assertEquals(ExtractionOutcome.done(-1, 11, "application/x-archive-test-noisy", false, output), outcome);
            assertEquals("quiet text\n", Files.readString(output));

            ExtractionOutcome next = process.extract(corpus("testPDF.pdf"), "testPDF.pdf", null, dir.resolve("pdf.txt"));
            assertEquals(ExtractionStatus.DONE, next.status(), next.reason());
            assertEquals(1, next.pages());
            assertEquals(2, process.documentsExtracted());
        }
        assertEquals(0, childTempDirs(), "the child's private temporary directory is removed");
    }

    @Test
    void missingJavaExecutableFailsTheDocumentWithoutThrowing() throws Exception {
        ExtractorSettings settings = TestDocuments.settings(dir).withJavaExecutable(dir.resolve("no-such-java"));
        try (ExtractorProcess process = new ExtractorProcess(settings)) {
            ExtractionOutcome outcome = process.extract(corpus("testPDF.pdf"), "testPDF.pdf", null, dir.resolve("o.txt"));

            assertEquals(ExtractionStatus.FAILED, outcome.status());
            assertTrue(outcome.reason().startsWith("extractor could not start: IOException"), outcome.reason());
        }
    }

    @Test
    void classpathWithoutTheExtractorFailsWithTheJavaError() throws Exception {
        ExtractorSettings settings = TestDocuments.settings(dir).withClasspath(dir.toString());
        try (ExtractorProcess process = new ExtractorProcess(settings)) {
            ExtractionOutcome outcome = process.extract(corpus("testPDF.pdf"), "testPDF.pdf", null, dir.resolve("o.txt"));

            assertEquals(ExtractionStatus.FAILED, outcome.status());
            assertTrue(outcome.reason().startsWith("extractor could not start (exit code 1): "), outcome.reason());
            assertTrue(outcome.reason().contains(ExtractorMain.class.getName()), outcome.reason());
        }
    }

    @Test
    void closingFromAnotherThreadEndsARunningExtraction() throws Exception {
        ExtractorProcess process = new ExtractorProcess(TestDocuments.settings(dir));
        process.start();
        Path hanging = TestDocuments.misbehaving(dir, TestParsers.HANGING_EXTENSION);
        CompletableFuture<ExtractionOutcome> running = CompletableFuture.supplyAsync(() -> {
            try {
                return process.extract(hanging, "stuck.hang", null, dir.resolve("o.txt"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);

        process.close();

        assertEquals(ExtractionOutcome.failed(ExtractorProcess.STOPPED), running.get(15, TimeUnit.SECONDS));
        assertFalse(process.isRunning());
    }

    private long childTempDirs() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("child-")).count();
        }
    }
}

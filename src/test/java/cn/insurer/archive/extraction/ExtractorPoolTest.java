package cn.insurer.archive.extraction;

import static cn.insurer.archive.extraction.TestDocuments.corpus;
import static cn.insurer.archive.extraction.TestDocuments.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A shared two-worker pool fed with Tika's hostile corpus, plus small pools for crash and recycling cases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtractorPoolTest {

    private Path dir;
    private ExtractorPool pool;

    @BeforeAll
    void startPool(@TempDir Path sharedDir) throws IOException {
        dir = sharedDir;
        pool = new ExtractorPool(TestDocuments.settings(dir.resolve("work")).withWorkers(2));
    }

    @AfterAll
    void stopPool() {
        pool.close();
    }

    @Test
    void pdfYieldsTextAndPageCount() throws Exception {
        ExtractionOutcome outcome = pool.extract(corpus("testPDF.pdf"), "testPDF.pdf");

        assertEquals(ExtractionStatus.DONE, outcome.status(), outcome.reason());
        assertEquals("application/pdf", outcome.mediaType());
        assertEquals(1, outcome.pages());
        assertFalse(outcome.truncated());
        String text = text(outcome);
        assertTrue(text.contains("Tika - Content Analysis Toolkit"), text);
        assertEquals(text.length(), outcome.characters());
        assertTrue(outcome.textFile().startsWith(dir.resolve("work")));
        Files.delete(outcome.textFile());
    }

    @Test
    void docxYieldsText() throws Exception {
        ExtractionOutcome outcome = pool.extract(corpus("testWORD.docx"), "testWORD.docx");

        assertEquals(ExtractionStatus.DONE, outcome.status(), outcome.reason());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", outcome.mediaType());
        assertTrue(outcome.pages() > 0);
        assertTrue(text(outcome).contains("Sample Word Document"));
        Files.delete(outcome.textFile());
    }

    @Test
    void pdfWithOnlyAnOwnerPasswordIsReadable() throws Exception {
        ExtractionOutcome outcome = pool.extract(corpus("testPDF_protected.pdf"), "testPDF_protected.pdf");

        assertEquals(ExtractionStatus.DONE, outcome.status(), outcome.reason());
        assertEquals(41, outcome.pages());
        assertTrue(text(outcome).contains("RETHINKING THE FINANCIAL NETWORK"));
        Files.delete(outcome.textFile());
    }

    @Test
    void documentsNeedingAPasswordFailAsEncrypted() throws Exception {
        Map<Path, String> documents = Map.of(
                TestDocuments.passwordProtectedPdf(dir), "medical-report.pdf",
                corpus("testWORD_protected_passtika.docx"), "contract.docx",
                corpus("testEXCEL_protected_passtika.xlsx"), "premiums.xlsx");
        for (Map.Entry<Path, String> document : documents.entrySet()) {
            ExtractionOutcome outcome = pool.extract(document.getKey(), document.getValue());

            assertEquals(ExtractionOutcome.failed("encrypted: password protected"), outcome, document.getValue());
        }
    }

    @Test
    void corruptFileFailsAndThePoolCarriesOn() throws Exception {
        ExtractionOutcome outcome = pool.extract(corpus("testWORD_truncated.docx"), "testWORD_truncated.docx");

        assertEquals(ExtractionStatus.FAILED, outcome.status());
        assertTrue(outcome.reason().startsWith("TikaException: "), outcome.reason());
        assertNull(outcome.textFile());

        ExtractionOutcome next = pool.extract(corpus("testWORD.docx"), "testWORD.docx");
        assertEquals(ExtractionStatus.DONE, next.status(), next.reason());
        Files.delete(next.textFile());
    }

    @Test
    void zipBombIsRefused() throws Exception {
        ExtractionOutcome outcome = pool.extract(TestDocuments.zipBomb(dir), "claims-export.zip");

        assertEquals(ExtractionStatus.FAILED, outcome.status());
        assertTrue(outcome.reason().contains("Suspected zip bomb"), outcome.reason());
    }

    @Test
    void randomBytesAreUnsupported() throws Exception {
        ExtractionOutcome outcome = pool.extract(TestDocuments.randomBytes(dir), "scan-export.bin");

        assertEquals(ExtractionStatus.UNSUPPORTED, outcome.status());
        assertEquals("application/octet-stream", outcome.mediaType());
        assertNull(outcome.textFile());
    }

    @Test
    void gb18030ChineseTextIsDecoded() throws Exception {
        ExtractionOutcome outcome = pool.extract(TestDocuments.gb18030Text(dir), "交通事故说明.txt");

        assertEquals(ExtractionStatus.DONE, outcome.status(), outcome.reason());
        assertEquals("text/plain", outcome.mediaType());
        assertEquals(ExtractionOutcome.UNKNOWN_PAGES, outcome.pages());
        assertTrue(text(outcome).contains(TestDocuments.CHINESE), text(outcome));
        Files.delete(outcome.textFile());
    }

    @Test
    void twoWorkersHandleTwentyConcurrentDocuments() throws Exception {
        Path chinese = TestDocuments.gb18030Text(dir);
        List<Document> documents = List.of(
                new Document(corpus("testPDF.pdf"), "testPDF.pdf", "Content Analysis Toolkit"),
                new Document(corpus("testWORD.docx"), "testWORD.docx", "Sample Word Document"),
                new Document(corpus("testEXCEL.xlsx"), "testEXCEL.xlsx", "Numbers and their Squares"),
                new Document(corpus("testPPT.pptx"), "testPPT.pptx", "Attachment Test"),
                new Document(chinese, "说明.txt", TestDocuments.CHINESE));
        ExecutorService callers = Executors.newFixedThreadPool(5);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Document document = documents.get(i % documents.size());
                results.add(callers.submit(() -> extractText(document)));
            }
            for (int i = 0; i < results.size(); i++) {
                String text = results.get(i).get(60, TimeUnit.SECONDS);
                assertTrue(text.contains(documents.get(i % documents.size()).expected()), text);
            }
        } finally {
            callers.shutdownNow();
        }
        assertTrue(pool.childrenStarted() <= 2, "children started: " + pool.childrenStarted());
    }

    @Test
    void poolRecoversFromTimeoutsAndCrashes() throws Exception {
        ExtractorSettings settings = TestDocuments.settings(dir.resolve("recovering")).withWorkers(1)
                .withTimeout(Duration.ofSeconds(2)).withMaxHeap("64m");
        try (ExtractorPool single = new ExtractorPool(settings)) {
            Path text = TestDocuments.gb18030Text(dir);

            assertEquals(ExtractionOutcome.failed("timed out after 2 s"),
                    single.extract(TestDocuments.misbehaving(dir, TestParsers.HANGING_EXTENSION), "stuck.hang"));
            assertDone(single.extract(text, "after-timeout.txt"));

            assertEquals(ExtractionOutcome.failed("extractor crashed (exit code 3; out of memory?)"),
                    single.extract(TestDocuments.misbehaving(dir, TestParsers.MEMORY_HOG_EXTENSION), "bomb.hog"));
            assertDone(single.extract(text, "after-crash.txt"));

            assertEquals(3, single.childrenStarted());
        }
    }

    @Test
    void childIsReplacedAfterTheConfiguredNumberOfDocuments() throws Exception {
        ExtractorSettings settings = TestDocuments.settings(dir.resolve("recycling")).withWorkers(1)
                .withDocsPerChild(2);
        try (ExtractorPool recycling = new ExtractorPool(settings)) {
            Path text = TestDocuments.gb18030Text(dir);
            for (int i = 0; i < 3; i++) {
                assertDone(recycling.extract(text, "claim-" + i + ".txt"));
            }
            assertEquals(2, recycling.childrenStarted());
        }
    }

    @Test
    void closedPoolRejectsWorkAndLeavesNoFilesBehind() throws Exception {
        Path work = dir.resolve("closing");
        ExtractorPool closing = new ExtractorPool(TestDocuments.settings(work).withWorkers(1));
        ExtractionOutcome unsupported = closing.extract(TestDocuments.randomBytes(dir), "x.bin");
        assertEquals(ExtractionStatus.UNSUPPORTED, unsupported.status());

        closing.close();

        assertThrows(IllegalStateException.class, () -> closing.extract(corpus("testPDF.pdf"), "testPDF.pdf"));
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aChildThatCannotStartIsThePoolsFailureNotTheDocumentsAndTheNextStartIsTriedAfresh() throws Exception {
        Path work = dir.resolve("nostart");
        try (ExtractorPool broken = new ExtractorPool(TestDocuments.settings(work).withWorkers(1)
                .withJavaExecutable(dir.resolve("no-such-java")))) {
            IOException first = assertThrows(IOException.class, () -> broken.extract(corpus("testPDF.pdf"), "testPDF.pdf"));
            assertTrue(first.getMessage().startsWith("extractor could not start"), first.getMessage());
            assertThrows(IOException.class, () -> broken.extract(corpus("testPDF.pdf"), "testPDF.pdf"));
            assertEquals(2, broken.childrenStarted(), "each document tries a new child");
        }
    }

    @Test
    void missingInputIsTheCallersError() {
        assertThrows(NoSuchFileException.class, () -> pool.extract(dir.resolve("absent.pdf"), "absent.pdf"));
    }

    private String extractText(Document document) throws Exception {
        ExtractionOutcome outcome = pool.extract(document.file(), document.name());
        assertEquals(ExtractionStatus.DONE, outcome.status(), outcome.reason());
        try {
            return text(outcome);
        } finally {
            Files.delete(outcome.textFile());
        }
    }

    private static void assertDone(ExtractionOutcome outcome) throws IOException {
        assertEquals(ExtractionStatus.DONE, outcome.status(), outcome.reason());
        assertTrue(text(outcome).contains(TestDocuments.CHINESE));
        Files.delete(outcome.textFile());
    }

    private record Document(Path file, String name, String expected) {
    }
}

package cn.insurer.archive.extraction;

import static cn.insurer.archive.extraction.TestDocuments.corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCR is decided by configuration, not by whether Tesseract happens to be installed. */
class ExtractorOcrTest {

    @TempDir
    Path dir;

    @Test
    void disabledOcrIgnoresImagesEvenWhenTesseractIsInstalled() {
        DocumentExtractor extractor = new DocumentExtractor(new ChildOptions(false, "eng", 1_000_000));

        ExtractionOutcome outcome = extractor.extract(corpus("testOCR.jpg"), "scan.jpg", null, dir.resolve("o.txt"));

        assertEquals(ExtractionStatus.DONE, outcome.status(), outcome.reason());
        assertEquals(0, outcome.characters());
    }

    @Test
    void enabledOcrReadsImagesInTheChild() throws Exception {
        assumeTrue(DocumentExtractor.tesseractOnPath(), "tesseract is not on the PATH");
        ExtractorSettings settings = TestDocuments.settings(dir).withOcr(true, "eng");
        try (ExtractorProcess process = new ExtractorProcess(settings)) {
            Path output = dir.resolve("ocr.txt");

            ExtractionOutcome outcome = process.extract(corpus("testOCR.jpg"), "scan.jpg", null, output);

            assertEquals(ExtractionStatus.DONE, outcome.status(), outcome.reason());
            assertTrue(Files.readString(output).contains("OCR Testing"), Files.readString(output));
        }
    }
}

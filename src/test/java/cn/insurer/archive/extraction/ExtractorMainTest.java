package cn.insurer.archive.extraction;

import static cn.insurer.archive.extraction.TestDocuments.corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The child's extraction and protocol loop, run in the test JVM with well-behaved documents only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtractorMainTest {

    @TempDir
    Path dir;

    private DocumentExtractor extractor;

    @BeforeAll
    void loadTika() {
        extractor = new DocumentExtractor(new ChildOptions(false, "eng", 1_000_000));
    }

    @Test
    void servesOneResponseLinePerRequestAfterReady() throws IOException {
        Path pdf = corpus("testPDF.pdf");
        Path output = dir.resolve("pdf.txt");
        String requests = Protocol.request(pdf, "testPDF.pdf", "", output) + "\n\nnot a request\n";
        StringWriter responses = new StringWriter();

        ExtractorMain.serve(new BufferedReader(new StringReader(requests)), responses, extractor);

        String[] lines = responses.toString().split("\n");
        assertEquals(3, lines.length);
        assertEquals(Protocol.READY, lines[0]);
        assertTrue(lines[1].startsWith("OK\t1\t"), lines[1]);
        assertTrue(lines[1].endsWith("\tapplication/pdf\tfalse"), lines[1]);
        assertTrue(lines[2].startsWith("FAILED\tbad request"), lines[2]);
        assertTrue(Files.readString(output).contains("Tika - Content Analysis Toolkit"));
    }

    @Test
    void aDocumentIsParsedAsTheTypeDetectedWhenItWasFiled() throws IOException {
        Path docx = corpus("testWORD.docx");
        String wordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

        ExtractionOutcome detectedHere = extractor.extract(docx, "report.docx", null, dir.resolve("here.txt"));
        ExtractionOutcome detectedAtFiling = extractor.extract(docx, "report.docx", wordType, dir.resolve("filed.txt"));
        // Told a PDF is plain text, the child reads it as text: it did not detect the type a second time.
        ExtractionOutcome told = extractor.extract(corpus("testPDF.pdf"), "testPDF.pdf", "text/plain", dir.resolve("told.txt"));

        assertEquals(wordType, detectedHere.mediaType());
        assertEquals(wordType, detectedAtFiling.mediaType());
        assertEquals(Files.readString(detectedHere.textFile()), Files.readString(detectedAtFiling.textFile()));
        assertEquals("text/plain", told.mediaType());
        assertFalse(Files.readString(told.textFile()).contains("Tika - Content Analysis Toolkit"), "read as text, not as a PDF");
    }

    @Test
    void textBeyondTheLimitIsTruncatedNotFailed() throws IOException {
        DocumentExtractor limited = new DocumentExtractor(new ChildOptions(false, "eng", 100));
        Path output = dir.resolve("limited.txt");

        ExtractionOutcome outcome = limited.extract(corpus("testPDF_protected.pdf"), "report.pdf", null, output);

        assertEquals(ExtractionStatus.DONE, outcome.status(), outcome.reason());
        assertTrue(outcome.truncated());
        assertEquals(100, outcome.characters());
        assertEquals(100, Files.readString(output).length());
        assertEquals(41, outcome.pages());
    }

    @Test
    void officePageAndSlideCountsAreReported() {
        assertEquals(2, extract("testWORD.docx").pages());
        assertEquals(3, extract("testPPT.pptx").pages());
        assertEquals(ExtractionOutcome.UNKNOWN_PAGES, extract("testEXCEL.xlsx").pages());
    }

    @Test
    void imageOnlyPdfWithoutOcrIsDoneWithoutWords() throws IOException {
        ExtractionOutcome outcome = extract("testOCR.pdf");

        assertEquals(ExtractionStatus.DONE, outcome.status(), outcome.reason());
        assertTrue(Files.readString(outcome.textFile()).isBlank());
    }

    @Test
    void encryptedArchivesAndDocumentsAreNamedAsSuch() {
        for (String name : new String[] {"testWORD_protected_passtika.doc", "testODTEncrypted.odt",
                "full_encrypted.7z", "testPPT_protected_passtika.pptx"}) {
            ExtractionOutcome outcome = extract(name);
            assertEquals(ExtractionStatus.FAILED, outcome.status(), name);
            assertEquals(DocumentExtractor.ENCRYPTED, outcome.reason(), name);
        }
    }

    @Test
    void emptyFileFails() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.pdf"));

        ExtractionOutcome outcome = extractor.extract(empty, "empty.pdf", null, dir.resolve("empty.txt"));

        assertEquals(ExtractionOutcome.failed(DocumentExtractor.EMPTY_FILE), outcome);
    }

    @Test
    void fileNameDecidesTheCharsetOfChineseText() throws IOException {
        Path input = TestDocuments.gb18030Text(dir);
        Path renamed = Files.move(input, dir.resolve("upload-0001.tmp"));

        ExtractionOutcome outcome = extractor.extract(renamed, "事故报告.txt", null, dir.resolve("gb.txt"));

        assertEquals(ExtractionStatus.DONE, outcome.status(), outcome.reason());
        assertEquals("text/plain", outcome.mediaType());
        String text = Files.readString(outcome.textFile(), StandardCharsets.UTF_8);
        assertTrue(text.contains(TestDocuments.CHINESE), text);
        assertFalse(outcome.truncated());
    }

    private ExtractionOutcome extract(String corpusName) {
        return extractor.extract(corpus(corpusName), corpusName, null, dir.resolve(corpusName + ".txt"));
    }
}

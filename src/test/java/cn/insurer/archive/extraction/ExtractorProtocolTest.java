package cn.insurer.archive.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ExtractorProtocolTest {

    @Test
    void requestSurvivesTabsNewlinesAndBackslashesInNames() {
        String name = "理赔\t报告\n2024\\v2.pdf";
        String line = Protocol.request(Path.of("/tmp/in put"), name, "application/pdf", Path.of("/tmp/out.txt"));

        assertFalse(line.contains("\n"));
        Protocol.Request request = Protocol.parseRequest(line);
        assertEquals(Path.of("/tmp/in put"), request.input());
        assertEquals(name, request.fileName());
        assertEquals("application/pdf", request.detectedType());
        assertEquals("", Protocol.parseRequest(Protocol.request(Path.of("/tmp/in"), name, null, Path.of("/tmp/o"))).detectedType());
        assertEquals(Path.of("/tmp/out.txt"), request.output());
    }

    @Test
    void responsesRoundTrip() {
        Path text = Path.of("/tmp/out.txt");
        ExtractionOutcome done = ExtractionOutcome.done(3, 1234, "application/pdf", true, text);
        ExtractionOutcome failed = ExtractionOutcome.failed("IOException: bad\tthing\nhappened");
        ExtractionOutcome unsupported = ExtractionOutcome.unsupported("application/octet-stream", "no parser");

        assertEquals(done, Protocol.parseResponse(Protocol.response(done), text));
        assertEquals(failed, Protocol.parseResponse(Protocol.response(failed), text));
        assertEquals(unsupported, Protocol.parseResponse(Protocol.response(unsupported), text));
        assertTrue(Protocol.isProtocolLine(Protocol.response(failed)));
        assertFalse(Protocol.isProtocolLine("Terminating due to java.lang.OutOfMemoryError: Java heap space"));
    }

    @Test
    void malformedResponsesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Protocol.parseResponse("OK\tx\t1\ttext/plain\tfalse", null));
        assertThrows(IllegalArgumentException.class, () -> Protocol.parseResponse("FAILED", null));
        assertThrows(IllegalArgumentException.class, () -> Protocol.parseRequest("only-one-field"));
    }

    @Test
    void failureReasonsAreShortSingleLinesNamingTheRootCause() {
        Exception wrapped = new IllegalStateException("Unexpected error",
                new java.util.zip.ZipException("invalid\nentry size"));
        assertEquals("IllegalStateException: Unexpected error (caused by ZipException: invalid entry size)",
                FailureReason.describe(wrapped));

        assertEquals("TikaException: Illegal SAXException from DefaultParser",
                FailureReason.trim("TikaException: Illegal SAXException from org.apache.tika.parser.DefaultParser@7b94089b"));

        String longReason = FailureReason.describe(new RuntimeException("x".repeat(5_000)));
        assertEquals(FailureReason.MAX_LENGTH, longReason.length());
    }

    @Test
    void lineReaderCutsOverlongLines() throws IOException {
        BoundedLineReader reader = new BoundedLineReader(
                new BufferedReader(new StringReader("a".repeat(100) + "\r\nshort\nlast")), 10);

        assertEquals("a".repeat(10), reader.readLine());
        assertEquals("short", reader.readLine());
        assertEquals("last", reader.readLine());
        assertEquals(null, reader.readLine());
    }
}

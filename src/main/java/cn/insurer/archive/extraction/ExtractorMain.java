package cn.insurer.archive.extraction;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of an extraction child. Reads one request per line on stdin and answers one line per request on
 * stdout; everything else a library prints goes to stderr, which the parent drains into its log.
 */
public final class ExtractorMain {

    private static final long PARENT_CHECK_SECONDS = 2;

    private ExtractorMain() {
    }

    public static void main(String[] args) throws IOException {
        // Before any library class loads: Log4j's status logger, for one, prints to System.out and would
        // corrupt the protocol.
        Writer protocol = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8));
        System.setOut(System.err);
        exitWhenOrphaned();

        ChildOptions options = ChildOptions.fromSystemProperties(System.getProperties());
        if (options.ocrEnabled() && !DocumentExtractor.tesseractOnPath()) {
            System.err.println("OCR requested but tesseract is not on the PATH; images will yield no text");
        }
        DocumentExtractor extractor = new DocumentExtractor(options);
        serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), protocol, extractor);
        // Parsers may leave non-daemon threads behind; they must not keep a child alive after its parent left.
        System.exit(0);
    }

    static void serve(BufferedReader requests, Writer responses, DocumentExtractor extractor) throws IOException {
        send(responses, Protocol.READY);
        String line;
        while ((line = requests.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            send(responses, Protocol.response(handle(line, extractor)));
        }
    }

    private static ExtractionOutcome handle(String line, DocumentExtractor extractor) {
        Protocol.Request request;
        try {
            request = Protocol.parseRequest(line);
        } catch (IllegalArgumentException e) {
            return ExtractionOutcome.failed("bad request: " + FailureReason.trim(e.getMessage()));
        }
        return extractor.extract(request.input(), request.fileName(), request.detectedType(), request.output());
    }

    private static void send(Writer responses, String line) throws IOException {
        responses.write(line);
        responses.write('\n');
        responses.flush();
    }

    /**
     * A child stuck in a parser never reads the EOF on stdin that a dying parent leaves behind; watching the
     * parent process id catches that case too.
     */
    private static void exitWhenOrphaned() {
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Thread watchdog = new Thread(() -> {
            while (true) {
                try {
                    TimeUnit.SECONDS.sleep(PARENT_CHECK_SECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                long current = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                if (current != parent) {
                    Runtime.getRuntime().halt(2);
                }
            }
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}

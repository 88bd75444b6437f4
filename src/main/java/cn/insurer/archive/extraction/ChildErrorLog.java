package cn.insurer.archive.extraction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Drains a child's stderr. An undrained pipe fills up and blocks the child in the middle of a document, which
 * would look like a timeout. Lines go to the log at debug level (PDFBox alone is very chatty); the last few are
 * kept so that a crash can be explained at warning level.
 */
final class ChildErrorLog implements Runnable {

    private static final System.Logger LOG = System.getLogger("cn.insurer.archive.extraction.child");
    private static final int MAX_LINE_LENGTH = 2_000;
    private static final int TAIL_LINES = 20;

    private final InputStream stderr;
    private final String childName;
    private final Deque<String> tail = new ArrayDeque<>();
    private Thread thread;

    ChildErrorLog(InputStream stderr, String childName) {
        this.stderr = stderr;
        this.childName = childName;
    }

    static ChildErrorLog start(InputStream stderr, String childName) {
        ChildErrorLog log = new ChildErrorLog(stderr, childName);
        log.thread = new Thread(log, childName + "-stderr");
        log.thread.setDaemon(true);
        log.thread.start();
        return log;
    }

    /** Lets the last lines of a dead child arrive before they are used to explain its death. */
    void awaitEnd(long millis) throws InterruptedException {
        if (thread != null) {
            thread.join(millis);
        }
    }

    @Override
    public void run() {
        BoundedLineReader reader = new BoundedLineReader(
                new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8)), MAX_LINE_LENGTH);
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                remember(line);
                LOG.log(Level.DEBUG, "{0}: {1}", childName, line);
            }
        } catch (IOException e) {
            // The pipe closes abruptly when the child is killed; nothing more to read.
        }
    }

    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    private void remember(String line) {
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }
}

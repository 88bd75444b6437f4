package cn.insurer.archive.extraction;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Misbehaving parsers, registered through META-INF/services and selected by file extension through
 * custom-mimetypes.xml, so that hangs, memory exhaustion and stray stdout output happen inside a real child.
 */
final class TestParsers {

    static final String HANGING_EXTENSION = ".hang";
    static final String MEMORY_HOG_EXTENSION = ".hog";
    static final String NOISY_EXTENSION = ".noisy";

    private TestParsers() {
    }

    /** Never returns, like a parser stuck in a loop on a hostile file. */
    public static final class Hanging implements Parser {
        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            return Set.of(MediaType.application("x-archive-test-hang"));
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Allocates until the heap is gone, like a decompression bomb that slips past Tika's checks. */
    public static final class MemoryHog implements Parser {
        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            return Set.of(MediaType.application("x-archive-test-hog"));
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
            List<long[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new long[1 << 20]);
            }
        }
    }

    /** Prints a fake protocol line to System.out, as chatty libraries do, then extracts normally. */
    public static final class Noisy implements Parser {
        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            return Set.of(MediaType.application("x-archive-test-noisy"));
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
                throws SAXException {
            System.out.println("OK\t99\t99\tapplication/x-fake\tfalse");
            System.out.println("some library chatter");
            metadata.set(Metadata.CONTENT_TYPE, "application/x-archive-test-noisy");
            XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
            xhtml.startDocument();
            xhtml.element("p", "quiet text");
            xhtml.endDocument();
        }
    }
}

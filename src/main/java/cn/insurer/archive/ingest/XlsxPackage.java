package cn.insurer.archive.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The parts of an XLSX file, each parsed with SAX as it is inflated, within limits. POI's own
 * package layer is not used: it parses the content types and relationships into DOM trees, and its
 * size limits ({@code ZipSecureFile}) are settings of the whole JVM, which Tika's use of POI shares.
 * Here every part has a ceiling on its unpacked size and on its ratio to its packed size, and the
 * parser may read only so far without reporting anything (a huge attribute or comment would
 * otherwise be gathered into memory whole).
 */
final class XlsxPackage implements AutoCloseable {

    /** Workbook, relationships, styles: a few kilobytes in any ledger. */
    static final long SMALL_PART = 16L * 1024 * 1024;
    /** A sheet or its shared strings: far more than the row limit's worth of ledger rows. */
    static final long LARGE_PART = 256L * 1024 * 1024;
    /** The ratio POI refuses beyond by default; parts under {@link #RATIO_ALLOWANCE} are never refused for it. */
    static final int MAX_RATIO = 100;
    static final long RATIO_ALLOWANCE = 1024L * 1024;
    /** Text is reported in pieces of a few kilobytes; this far without a report is markup no workbook has. */
    static final long QUIET_LIMIT = 4L * 1024 * 1024;
    static final int MAX_PARTS = 10_000;
    static final long MAX_DIRECTORY_BYTES = 4L * 1024 * 1024;
    private static final int MAX_RELATIONSHIPS = 10_000;
    private static final Logger LOG = Logger.getLogger(XlsxPackage.class.getName());

    record Relationship(String id, String type, String target) {
    }

    private final ZipFile zip;

    XlsxPackage(Path file) throws IOException {
        ZipEntryCount.Declared declared = ZipEntryCount.end(file).orElseThrow(XlsxPackage::unreadable);
        if (declared.entries() > MAX_PARTS || declared.directoryBytes() > MAX_DIRECTORY_BYTES) {
            throw unsafe("declares " + declared.entries() + " parts in a directory of " + declared.directoryBytes() + " bytes");
        }
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            LOG.info("manifest.xlsx is not a ZIP: " + e);
            throw unreadable();
        }
        if (zip.size() > MAX_PARTS) {
            zip.close();
            throw unsafe("holds " + zip.size() + " parts");
        }
    }

    static RowRefused unreadable() {
        return new RowRefused("import.manifest.xlsx.unreadable");
    }

    /** The refusal a clerk sees names no internals; what was wrong goes to the log. */
    static RowRefused unsafe(String why) {
        LOG.info("manifest.xlsx refused: " + why);
        return new RowRefused("import.manifest.xlsx.unsafe");
    }

    boolean has(String part) {
        return zip.getEntry(part) != null;
    }

    /** Parses a part; its handler hears every event, and the stream refuses the part past its limits. */
    void parse(String part, long maxBytes, Handler handler) throws IOException, SAXException {
        ZipEntry entry = zip.getEntry(part);
        if (entry == null || entry.isDirectory()) {
            LOG.info("manifest.xlsx has no part " + part);
            throw unreadable();
        }
        try (GuardedStream in = new GuardedStream(part, zip.getInputStream(entry), entry.getCompressedSize(), maxBytes)) {
            handler.guard = in;
            XMLReader reader = XMLHelper.newXMLReader();
            try {
                reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
                // POI's factory has asked for it already, with secure processing; this is a second lock only.
            }
            reader.setContentHandler(handler);
            reader.setErrorHandler(handler);
            reader.parse(new InputSource(in));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The relationships of a part, targets resolved to part names; external targets are left out. */
    List<Relationship> relationships(String part) throws IOException, SAXException {
        int slash = part.lastIndexOf('/');
        String folder = part.substring(0, slash + 1);
        String rels = folder + "_rels/" + part.substring(slash + 1) + ".rels";
        List<Relationship> found = new ArrayList<>();
        if (!has(rels)) {
            return found;
        }
        parse(rels, SMALL_PART, new Handler() {
            @Override
            void start(String name, Attributes attributes) {
                if (!"Relationship".equals(name) || "External".equalsIgnoreCase(attributes.getValue("TargetMode"))) {
                    return;
                }
                if (found.size() == MAX_RELATIONSHIPS) {
                    throw unsafe(part + " has more than " + MAX_RELATIONSHIPS + " relationships");
                }
                String target = attributes.getValue("Target");
                if (target != null) {
                    resolve(folder, target).ifPresent(resolved -> found.add(new Relationship(attributes.getValue("Id"),
                            String.valueOf(attributes.getValue("Type")), resolved)));
                }
            }
        });
        return found;
    }

    /** A target relative to the folder of its source, or absolute; a path climbing out of the package resolves to nothing. */
    static Optional<String> resolve(String folder, String target) {
        String path = target.startsWith("/") ? target.substring(1) : folder + target;
        List<String> steps = new ArrayList<>();
        for (String step : path.split("/")) {
            if (step.equals("..")) {
                if (steps.isEmpty()) {
                    return Optional.empty();
                }
                steps.remove(steps.size() - 1);
            } else if (!step.isEmpty() && !step.equals(".")) {
                steps.add(step);
            }
        }
        return steps.isEmpty() ? Optional.empty() : Optional.of(String.join("/", steps));
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** A SAX handler of one part: elements by local name, whatever their namespace (transitional or strict). */
    abstract static class Handler extends DefaultHandler {

        private GuardedStream guard;

        void start(String name, Attributes attributes) {
        }

        void end(String name) {
        }

        void text(char[] characters, int start, int length) {
        }

        @Override
        public final void startElement(String uri, String localName, String qName, Attributes attributes) {
            guard.heard();
            start(local(localName, qName), attributes);
        }

        @Override
        public final void endElement(String uri, String localName, String qName) {
            guard.heard();
            end(local(localName, qName));
        }

        private static String local(String localName, String qName) {
            return localName == null || localName.isEmpty() ? qName.substring(qName.indexOf(':') + 1) : localName;
        }

        @Override
        public final void characters(char[] characters, int start, int length) {
            guard.heard();
            text(characters, start, length);
        }

        @Override
        public final void ignorableWhitespace(char[] characters, int start, int length) {
            guard.heard();
        }
    }

    /** Counts what a part unpacks to: its ceiling, its ratio, and how far the parser reads without a word. */
    private static final class GuardedStream extends CountingInputStream {

        private final String part;
        private final long limit;
        private final long maxBytes;
        private long count;
        private long quiet;

        GuardedStream(String part, InputStream in, long compressedSize, long maxBytes) {
            super(in);
            this.part = part;
            this.maxBytes = maxBytes;
            this.limit = Math.min(maxBytes, Math.max(RATIO_ALLOWANCE, Math.max(compressedSize, 1) * MAX_RATIO));
        }

        void heard() {
            quiet = 0;
        }

        @Override
        protected void counted(long bytes) {
            count += bytes;
            quiet += bytes;
            if (count > limit) {
                throw unsafe(part + " unpacks to more than " + (limit == maxBytes ? maxBytes + " bytes" : MAX_RATIO + " times its size"));
            }
            if (quiet > QUIET_LIMIT) {
                throw unsafe(part + " has " + QUIET_LIMIT + " bytes of markup without an element or text");
            }
        }
    }
}

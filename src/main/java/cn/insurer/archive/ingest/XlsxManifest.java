package cn.insurer.archive.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;

/**
 * Reads the first sheet of {@code manifest.xlsx} as a stream: the first row holds the headings.
 * The workbook is never loaded as a whole (POI's workbook model holds about a kilobyte per cell,
 * so a 4 MB file of 150,000 rows filled the server's heap before the row limit was looked at):
 * styles and the workbook's part list are small and read first, the shared strings go to a
 * temporary file, and the sheet's rows are handed on one at a time until no more are wanted.
 */
final class XlsxManifest {

    private static final Logger LOG = Logger.getLogger(XlsxManifest.class.getName());
    private static final String DEFAULT_WORKBOOK = "xl/workbook.xml";

    private XlsxManifest() {
    }

    static void read(Path file, Path tempDir, Manifest.RowSink rows) throws IOException {
        try (XlsxPackage xlsx = new XlsxPackage(file)) {
            String workbookPart = officeDocument(xlsx);
            Workbook workbook = new Workbook();
            xlsx.parse(workbookPart, XlsxPackage.SMALL_PART, workbook);
            List<XlsxPackage.Relationship> parts = xlsx.relationships(workbookPart);
            String sheet = parts.stream().filter(part -> part.id() != null && part.id().equals(workbook.firstSheet))
                    .map(XlsxPackage.Relationship::target).findFirst().orElseThrow(() -> {
                        LOG.info("manifest.xlsx names no first sheet");
                        return XlsxPackage.unreadable();
                    });
            Optional<String> styles = target(parts, "/styles");
            XlsxStyles formats = styles.isPresent() && xlsx.has(styles.get()) ? XlsxStyles.read(xlsx, styles.get()) : XlsxStyles.NONE;
            Optional<String> shared = target(parts, "/sharedStrings").filter(xlsx::has);
            try (XlsxSharedStrings strings = XlsxSharedStrings.read(xlsx, shared.orElse(null), tempDir)) {
                xlsx.parse(sheet, XlsxPackage.LARGE_PART, new XlsxSheet(strings, formats, workbook.date1904, rows));
            } catch (XlsxSheet.Enough enough) {
                // The rows wanted have all been read; the rest of the sheet is never looked at.
            }
        } catch (SAXException e) {
            LOG.info("manifest.xlsx is not well-formed: " + e);
            throw XlsxPackage.unreadable();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The workbook part, as the package's own relationships name it. */
    private static String officeDocument(XlsxPackage xlsx) throws IOException, SAXException {
        return target(xlsx.relationships(""), "/officeDocument").filter(xlsx::has).orElse(DEFAULT_WORKBOOK);
    }

    private static Optional<String> target(List<XlsxPackage.Relationship> relationships, String typeEnding) {
        return relationships.stream().filter(part -> part.type().endsWith(typeEnding)).map(XlsxPackage.Relationship::target)
                .findFirst();
    }

    /** The first sheet in the workbook's order (what POI's {@code getSheetAt(0)} gives) and the date system. */
    private static final class Workbook extends XlsxPackage.Handler {

        String firstSheet;
        boolean date1904;

        @Override
        void start(String name, Attributes attributes) {
            if ("sheet".equals(name) && firstSheet == null) {
                for (int i = 0; i < attributes.getLength(); i++) {
                    if ("id".equals(attributes.getLocalName(i)) && attributes.getURI(i).endsWith("/relationships")) {
                        firstSheet = attributes.getValue(i);
                    }
                }
            } else if ("workbookPr".equals(name)) {
                String value = attributes.getValue("date1904");
                date1904 = "1".equals(value) || "true".equalsIgnoreCase(value);
            }
        }
    }
}

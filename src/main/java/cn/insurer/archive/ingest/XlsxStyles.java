package cn.insurer.archive.ingest;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;

/**
 * The number format of each cell style, which is all a manifest needs of {@code styles.xml}: it
 * tells dates from numbers and how Excel shows a number. Read with SAX, keeping only the formats.
 */
final class XlsxStyles {

    /** Excel itself allows 64,000 cell styles and a few hundred number formats. */
    static final int MAX_STYLES = 65_536;
    static final int MAX_FORMATS = 4_096;
    private static final int MAX_FORMAT_LENGTH = 1_024;

    /** A number format as POI's {@code DataFormatter} and {@code DateUtil} take it. */
    record Format(int index, String code) {
    }

    static final XlsxStyles NONE = new XlsxStyles(new int[0], 0, Map.of());

    private final int[] styleFormats;
    private final int styles;
    private final Map<Integer, String> formats;

    private XlsxStyles(int[] styleFormats, int styles, Map<Integer, String> formats) {
        this.styleFormats = styleFormats;
        this.styles = styles;
        this.formats = formats;
    }

    static XlsxStyles read(XlsxPackage xlsx, String part) throws IOException, SAXException {
        Reader reader = new Reader();
        xlsx.parse(part, XlsxPackage.SMALL_PART, reader);
        return new XlsxStyles(reader.styleFormats, reader.styles, reader.formats);
    }

    /** The format of style {@code s}; the default style's for a cell without one or with one the file does not define. */
    Format format(int style) {
        int index = style >= 0 && style < styles ? styleFormats[style] : styles > 0 ? styleFormats[0] : 0;
        String code = formats.get(index);
        if (code == null) {
            code = BuiltinFormats.getBuiltinFormat(index);
        }
        return new Format(index, code == null ? "General" : code);
    }

    private static final class Reader extends XlsxPackage.Handler {

        int[] styleFormats = new int[64];
        int styles;
        final Map<Integer, String> formats = new HashMap<>();
        private boolean inCellStyles;

        @Override
        void start(String name, Attributes attributes) {
            if ("numFmt".equals(name)) {
                if (formats.size() == MAX_FORMATS) {
                    throw XlsxPackage.unsafe("more than " + MAX_FORMATS + " number formats");
                }
                Integer id = number(attributes.getValue("numFmtId"));
                String code = attributes.getValue("formatCode");
                if (id != null && code != null && code.length() <= MAX_FORMAT_LENGTH) {
                    formats.put(id, code);
                }
            } else if ("cellXfs".equals(name)) {
                inCellStyles = true;
            } else if ("xf".equals(name) && inCellStyles) {
                if (styles == MAX_STYLES) {
                    throw XlsxPackage.unsafe("more than " + MAX_STYLES + " cell styles");
                }
                if (styles == styleFormats.length) {
                    styleFormats = Arrays.copyOf(styleFormats, styles * 2);
                }
                Integer format = number(attributes.getValue("numFmtId"));
                styleFormats[styles++] = format == null ? 0 : format;
            }
        }

        @Override
        void end(String name) {
            if ("cellXfs".equals(name)) {
                inCellStyles = false;
            }
        }

        private static Integer number(String value) {
            try {
                return value == null ? null : Integer.valueOf(value.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}

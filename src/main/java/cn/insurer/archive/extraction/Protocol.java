package cn.insurer.archive.extraction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The line protocol between parent and child. Every field is escaped so that tabs and newlines in file names or
 * exception messages cannot break the framing.
 *
 * <pre>
 * parent: inputPath TAB fileName TAB detectedType TAB outputPath   (detectedType empty: detect it)
 * child:  READY                                   (once, after Tika is loaded)
 *         OK TAB pages TAB characters TAB mediaType TAB truncated
 *         FAILED TAB reason
 *         UNSUPPORTED TAB mediaType TAB reason
 * </pre>
 */
final class Protocol {

    static final String READY = "READY";
    static final String OK = "OK";
    static final String FAILED = "FAILED";
    static final String UNSUPPORTED = "UNSUPPORTED";

    private static final char SEPARATOR = '\t';

    /** A request as the child sees it. */
    record Request(Path input, String fileName, String detectedType, Path output) {
    }

    private Protocol() {
    }

    static String request(Path input, String fileName, String detectedType, Path output) {
        return join(input.toString(), fileName, detectedType == null ? "" : detectedType, output.toString());
    }

    /** @throws IllegalArgumentException if the line is not a request */
    static Request parseRequest(String line) {
        List<String> fields = split(line);
        if (fields.size() != 4 || fields.get(0).isEmpty() || fields.get(3).isEmpty()) {
            throw new IllegalArgumentException("expected inputPath, fileName, detectedType and outputPath separated by tabs");
        }
        return new Request(Path.of(fields.get(0)), fields.get(1), fields.get(2), Path.of(fields.get(3)));
    }

    static String response(ExtractionOutcome outcome) {
        return switch (outcome.status()) {
            case DONE -> join(OK, String.valueOf(outcome.pages()), String.valueOf(outcome.characters()),
                    String.valueOf(outcome.mediaType()), String.valueOf(outcome.truncated()));
            case FAILED -> join(FAILED, outcome.reason());
            case UNSUPPORTED -> join(UNSUPPORTED, String.valueOf(outcome.mediaType()), outcome.reason());
        };
    }

    /** True for lines the child sends on purpose, as opposed to stray output of a library. */
    static boolean isProtocolLine(String line) {
        return line.equals(READY) || line.startsWith(OK + SEPARATOR) || line.startsWith(FAILED + SEPARATOR)
                || line.startsWith(UNSUPPORTED + SEPARATOR);
    }

    /**
     * @param textFile where the child was told to write the text; attached to {@code DONE} outcomes
     * @throws IllegalArgumentException if the line is not a well-formed response
     */
    static ExtractionOutcome parseResponse(String line, Path textFile) {
        List<String> fields = split(line);
        String kind = fields.get(0);
        try {
            if (kind.equals(OK) && fields.size() == 5) {
                return ExtractionOutcome.done(Integer.parseInt(fields.get(1)), Long.parseLong(fields.get(2)),
                        fields.get(3), Boolean.parseBoolean(fields.get(4)), textFile);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed response: " + line, e);
        }
        if (kind.equals(FAILED) && fields.size() == 2) {
            return ExtractionOutcome.failed(fields.get(1));
        }
        if (kind.equals(UNSUPPORTED) && fields.size() == 3) {
            return ExtractionOutcome.unsupported(fields.get(1), fields.get(2));
        }
        throw new IllegalArgumentException("malformed response: " + line);
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static String join(String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(SEPARATOR);
            }
            line.append(escape(fields[i]));
        }
        return line.toString();
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == SEPARATOR) {
                fields.add(unescape(line.substring(start, i)));
                start = i + 1;
            }
        }
        return fields;
    }
}

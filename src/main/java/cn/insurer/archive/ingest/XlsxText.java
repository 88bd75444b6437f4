package cn.insurer.archive.ingest;

/**
 * Cell text as an XLSX part holds it: gathered from the parser's pieces up to a ceiling, and with
 * Excel's escapes ({@code _x000D_} for a character XML cannot carry) decoded as POI decodes them.
 */
final class XlsxText {

    /** An escape is seven characters for one: this much raw text always decodes to an oversized cell. */
    static final int RAW_LIMIT = (Manifest.MAX_ROW_CHARACTERS + 1) * 7;

    private final StringBuilder text = new StringBuilder();
    private boolean overflowed;

    void append(char[] characters, int start, int length) {
        int room = RAW_LIMIT - text.length();
        if (length > room) {
            overflowed = true;
        }
        text.append(characters, start, Math.min(length, room));
    }

    /** Whether the text went past the ceiling: then it is longer than any cell of a row may be. */
    boolean overflowed() {
        return overflowed;
    }

    boolean isEmpty() {
        return text.length() == 0;
    }

    String raw() {
        return text.toString();
    }

    String decoded() {
        return decode(text);
    }

    void clear() {
        text.setLength(0);
        overflowed = false;
    }

    /** {@code _xHHHH_} becomes the character HHHH; {@code _x005F_} is how a literal underscore before "x" is kept. */
    static String decode(CharSequence raw) {
        StringBuilder out = null;
        int from = 0;
        for (int i = 0; i + 7 <= raw.length(); i++) {
            if (raw.charAt(i) == '_' && raw.charAt(i + 1) == 'x' && raw.charAt(i + 6) == '_' && hex(raw, i + 2, i + 6)) {
                if (out == null) {
                    out = new StringBuilder(raw.length());
                }
                out.append(raw, from, i).append((char) Integer.parseInt(raw.subSequence(i + 2, i + 6).toString(), 16));
                from = i + 7;
                i += 6;
            }
        }
        return out == null ? raw.toString() : out.append(raw, from, raw.length()).toString();
    }

    private static boolean hex(CharSequence raw, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}

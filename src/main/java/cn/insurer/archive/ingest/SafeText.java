package cn.insurer.archive.ingest;

/**
 * Which characters of a package's text may be kept. PostgreSQL refuses NUL in text and jsonb, a
 * lone surrogate cannot be encoded at all, and control characters or noncharacters in a ledger
 * cell are a damaged or hostile file, never a clerk's data; tab and line breaks are kept, since
 * Excel cells and quoted CSV fields hold them.
 */
final class SafeText {

    private SafeText() {
    }

    /** The index of the first character a stored value must not hold, or -1. */
    static int firstInvalid(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (noncharacter(Character.toCodePoint(c, text.charAt(i + 1)))) {
                    return i;
                }
                i++;
            } else if (invalid(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The character at {@code index} as "U+0000", for a message that tells the clerk what to look for. */
    static String codePoint(CharSequence text, int index) {
        return String.format("U+%04X", Character.codePointAt(text, index));
    }

    /** The text with every control character (line breaks too) and invalid character shown as "?", for messages and paths. */
    static String printable(String text) {
        return replace(text, true, '?');
    }

    /** The text as the database can store it: what {@link #firstInvalid} finds becomes U+FFFD. The last line of defence only. */
    static String storable(String text) {
        return replace(text, false, '\uFFFD');
    }

    private static String replace(String text, boolean allControls, char replacement) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            boolean bad = pair ? noncharacter(Character.toCodePoint(c, text.charAt(i + 1)))
                    : invalid(c) || (allControls && Character.isISOControl(c));
            if (bad && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (clean != null) {
                clean.append(bad ? String.valueOf(replacement) : pair ? text.substring(i, i + 2) : String.valueOf(c));
            }
            if (pair) {
                i++;
            }
        }
        return clean == null ? text : clean.toString();
    }

    private static boolean invalid(char c) {
        return (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c) || noncharacter(c);
    }

    private static boolean noncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}

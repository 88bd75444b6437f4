package cn.insurer.archive.search;

import java.util.ArrayList;
import java.util.List;

/**
 * What a user typed, read as plain words and nothing else: for matching titles of dossiers the
 * user may not read. No field names, patterns, ranges, boosts or escapes are recognised, so nothing
 * typed can address anything but the words themselves; {@code content:x*} is the two words
 * "content" and "x". What is understood is only what a person writing words means: quoted phrases,
 * alternatives separated by a standalone OR, and words they exclude ({@code -word}, {@code NOT word}).
 */
final class PlainWords {

    /** A run of text analysed as a whole: a quoted phrase, or one whitespace-separated word. */
    record Chunk(String text, boolean quoted) {
    }

    /** Words that must all occur, and words that must not. */
    record Alternative(List<Chunk> required, List<Chunk> excluded) {
    }

    private PlainWords() {
    }

    /** The alternatives of {@code typed}; those with no required word are left out. */
    static List<Alternative> of(String typed) {
        List<Alternative> alternatives = new ArrayList<>();
        if (typed == null) {
            return alternatives;
        }
        List<Chunk> required = new ArrayList<>();
        List<Chunk> excluded = new ArrayList<>();
        boolean negateNext = false;
        int i = 0;
        int n = typed.length();
        while (i < n) {
            int c = typed.codePointAt(i);
            if (isSpace(c)) {
                i += Character.charCount(c);
                continue;
            }
            boolean minus = false;
            if ((c == '-' || c == '!' || c == '+') && i + 1 < n && !isSpace(typed.codePointAt(i + 1))) {
                minus = c != '+';
                i++;
                c = typed.codePointAt(i);
            }
            Chunk chunk;
            int close = isOpeningQuote(c) ? closingQuote(typed, i + Character.charCount(c), c) : -1;
            if (close >= 0) {
                chunk = new Chunk(typed.substring(i + Character.charCount(c), close), true);
                i = close + Character.charCount(typed.codePointAt(close));
            } else {
                int start = isQuote(c) ? i + Character.charCount(c) : i;
                int end = start;
                while (end < n && !isSpace(typed.codePointAt(end)) && !isQuote(typed.codePointAt(end))) {
                    end += Character.charCount(typed.codePointAt(end));
                }
                chunk = new Chunk(typed.substring(start, end), false);
                i = Math.max(end, start);
                if (end == start) {
                    continue;
                }
            }
            if (!chunk.quoted() && !minus) {
                String word = chunk.text();
                if (word.equals("OR") || word.equals("||")) {
                    add(alternatives, required, excluded);
                    required = new ArrayList<>();
                    excluded = new ArrayList<>();
                    negateNext = false;
                    continue;
                }
                if (word.equals("AND") || word.equals("&&")) {
                    continue;
                }
                if (word.equals("NOT")) {
                    negateNext = true;
                    continue;
                }
            }
            if (chunk.text().isBlank()) {
                continue;
            }
            (minus || negateNext ? excluded : required).add(chunk);
            negateNext = false;
        }
        add(alternatives, required, excluded);
        return alternatives;
    }

    private static void add(List<Alternative> alternatives, List<Chunk> required, List<Chunk> excluded) {
        // Exclusions alone would list everything else: an alternative needs a word to match.
        if (!required.isEmpty()) {
            alternatives.add(new Alternative(List.copyOf(required), List.copyOf(excluded)));
        }
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isQuote(int c) {
        return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u300C' || c == '\u300D' || c == '\uFF02';
    }

    private static boolean isOpeningQuote(int c) {
        return c == '"' || c == '\u201C' || c == '\u300C' || c == '\uFF02';
    }

    /** The index of the quote closing one opened by {@code open}, or -1 when it is never closed. */
    private static int closingQuote(String typed, int from, int open) {
        for (int i = from; i < typed.length(); i += Character.charCount(typed.codePointAt(i))) {
            int c = typed.codePointAt(i);
            boolean closes = switch (open) {
                case '\u201C' -> c == '\u201D' || c == '"';
                case '\u300C' -> c == '\u300D';
                case '\uFF02' -> c == '\uFF02' || c == '"';
                default -> c == '"' || c == '\u201D';
            };
            if (closes) {
                return i;
            }
        }
        return -1;
    }
}

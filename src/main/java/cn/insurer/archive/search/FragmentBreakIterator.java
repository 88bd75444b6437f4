package cn.insurer.archive.search;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;
import java.util.Locale;

/**
 * Word boundaries for highlight fragments in mixed Chinese and Latin text. The JDK's word
 * iterator treats a whole run of Chinese characters as one word, which would make a fragment
 * span an entire unpunctuated page; here every gap between two Chinese characters is a
 * boundary too, while Latin words and numbers such as CL-2025-000042 are still never cut.
 */
final class FragmentBreakIterator extends BreakIterator {

    private final BreakIterator words = BreakIterator.getWordInstance(Locale.ROOT);
    private String text = "";
    private int current;

    @Override
    public void setText(String newText) {
        text = newText;
        words.setText(newText);
        current = 0;
    }

    @Override
    public void setText(CharacterIterator newText) {
        StringBuilder copy = new StringBuilder();
        for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
            copy.append(c);
        }
        setText(copy.toString());
    }

    @Override
    public CharacterIterator getText() {
        return new StringCharacterIterator(text);
    }

    @Override
    public int first() {
        return current = 0;
    }

    @Override
    public int last() {
        return current = text.length();
    }

    @Override
    public int current() {
        return current;
    }

    @Override
    public int next() {
        return current == text.length() ? DONE : following(current);
    }

    @Override
    public int next(int n) {
        int result = current;
        for (int i = 0; i < n && result != DONE; i++) {
            result = next();
        }
        for (int i = 0; i > n && result != DONE; i--) {
            result = previous();
        }
        return result;
    }

    @Override
    public int previous() {
        return current == 0 ? DONE : preceding(current);
    }

    @Override
    public int following(int offset) {
        int wordBoundary = words.following(offset);
        if (wordBoundary == DONE) {
            return DONE;
        }
        for (int i = offset + 1; i < wordBoundary; i++) {
            if (betweenChinese(i)) {
                return current = i;
            }
        }
        return current = wordBoundary;
    }

    @Override
    public int preceding(int offset) {
        int wordBoundary = words.preceding(offset);
        if (wordBoundary == DONE) {
            return DONE;
        }
        for (int i = offset - 1; i > wordBoundary; i--) {
            if (betweenChinese(i)) {
                return current = i;
            }
        }
        return current = wordBoundary;
    }

    private boolean betweenChinese(int index) {
        return index > 0 && index < text.length() && isHan(text.charAt(index - 1)) && isHan(text.charAt(index));
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }
}

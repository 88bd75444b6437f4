package cn.insurer.archive.search;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.CharFilter;

/**
 * Maps traditional Chinese characters to their simplified forms (保險 → 保险, 理賠 → 理赔) with
 * ICU's Traditional-Simplified transform, so that either form finds both.
 *
 * <p>Only one-to-one mappings within the Basic Multilingual Plane are applied, which keeps the
 * text's length and every offset unchanged: highlights computed on the folded text land on the
 * same characters of the stored original. ICU's transform maps single characters without context,
 * so nothing is lost by applying it character by character.
 */
final class TraditionalToSimplified {

    private final char[] table = new char[Character.MAX_VALUE + 1];

    TraditionalToSimplified() {
        Transliterator transform = Transliterator.getInstance("Traditional-Simplified");
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            table[c] = (char) c;
        }
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.isSurrogate((char) c)
                    || Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
                continue;
            }
            String folded = transform.transliterate(String.valueOf((char) c));
            if (folded.length() == 1 && !Character.isSurrogate(folded.charAt(0))) {
                table[c] = folded.charAt(0);
            }
        }
    }

    Reader wrap(Reader reader) {
        return new FoldingReader(reader);
    }

    private final class FoldingReader extends CharFilter {

        FoldingReader(Reader input) {
            super(input);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int read = input.read(buffer, offset, length);
            for (int i = offset; i < offset + read; i++) {
                buffer[i] = table[buffer[i]];
            }
            return read;
        }

        @Override
        protected int correct(int currentOff) {
            return currentOff;
        }
    }
}

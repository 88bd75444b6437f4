package cn.insurer.archive.search;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.CharType;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.cn.smart.Utility;
import org.apache.lucene.analysis.cn.smart.WordType;
import org.apache.lucene.analysis.cn.smart.hhmm.SegToken;
import org.apache.lucene.analysis.cn.smart.hhmm.SegTokenFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * SmartChineseAnalyzer's words, with the same tokens for every text, made faster for sentences
 * without a Chinese character.
 *
 * <p>smartcn builds a graph of every way to cut a sentence and weighs each pair of neighbouring
 * pieces against its bigram dictionary. A sentence with no Chinese character (English prose, a
 * table of figures, a policy schedule) has only one way to be cut, runs of letters, runs of
 * digits and single punctuation marks, yet paid for the graph and the dictionary lookups all the
 * same: profiled over a bulk import, the segmenter was nearly half of the indexer's time. Such a
 * sentence is now cut directly into those runs, which Lucene's own {@link SegTokenFilter} then
 * converts exactly as smartcn does (full-width to half-width, lower case, punctuation to a
 * comma); every other sentence goes through smartcn unchanged. {@code SegmentedWordsTest} holds
 * the two token streams equal over mixed text.
 */
final class SegmentedWords extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        WordTokenizer tokenizer = new WordTokenizer();
        TokenStream result = new PorterStemFilter(tokenizer);
        result = new StopFilter(result, SmartChineseAnalyzer.getDefaultStopSet());
        return new TokenStreamComponents(tokenizer, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /** smartcn's tokenizer, which cuts a sentence without Chinese characters itself. */
    private static final class WordTokenizer extends HMMChineseTokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offsets = addAttribute(OffsetAttribute.class);
        private final TypeAttribute type = addAttribute(TypeAttribute.class);
        private final SegTokenFilter conversion = new SegTokenFilter();
        private final List<SegToken> direct = new ArrayList<>();
        private Iterator<SegToken> directTokens;

        @Override
        protected void setNextSentence(int start, int end) {
            if (needsSegmenter(start, end)) {
                directTokens = null;
                super.setNextSentence(start, end);
            } else {
                cut(start, end);
                directTokens = direct.iterator();
            }
        }

        @Override
        protected boolean incrementWord() {
            if (directTokens == null) {
                return super.incrementWord();
            }
            if (!directTokens.hasNext()) {
                return false;
            }
            SegToken token = directTokens.next();
            clearAttributes();
            term.copyBuffer(token.charArray, 0, token.charArray.length);
            offsets.setOffset(correctOffset(token.startOffset), correctOffset(token.endOffset));
            type.setType("word");
            return true;
        }

        @Override
        public void reset() throws java.io.IOException {
            super.reset();
            directTokens = null;
        }

        private boolean needsSegmenter(int start, int end) {
            for (int i = start; i < end; i++) {
                int charType = Utility.getCharType(buffer[i]);
                if (charType == CharType.HANZI || charType == CharType.SURROGATE) {
                    return true;
                }
            }
            return false;
        }

        /** The pieces smartcn's graph holds for such a sentence, in order: its only path. */
        private void cut(int start, int end) {
            direct.clear();
            int i = start;
            while (i < end) {
                int charType = Utility.getCharType(buffer[i]);
                if (charType == CharType.SPACE_LIKE) {
                    i++;
                    continue;
                }
                int j = i + 1;
                int wordType;
                if (charType == CharType.LETTER || charType == CharType.FULLWIDTH_LETTER) {
                    j = runEnd(i, end, CharType.LETTER, CharType.FULLWIDTH_LETTER);
                    wordType = holds(i, j, CharType.FULLWIDTH_LETTER) ? WordType.FULLWIDTH_STRING : WordType.STRING;
                } else if (charType == CharType.DIGIT || charType == CharType.FULLWIDTH_DIGIT) {
                    j = runEnd(i, end, CharType.DIGIT, CharType.FULLWIDTH_DIGIT);
                    wordType = holds(i, j, CharType.FULLWIDTH_DIGIT) ? WordType.FULLWIDTH_NUMBER : WordType.NUMBER;
                } else {
                    wordType = charType == CharType.DELIMITER ? WordType.DELIMITER : WordType.STRING;
                }
                char[] text = new char[j - i];
                System.arraycopy(buffer, i, text, 0, text.length);
                direct.add(conversion.filter(new SegToken(text, offset + i, offset + j, wordType, 0)));
                i = j;
            }
        }

        /** Where a run of letters (or digits), half- and full-width mixed, ends, as smartcn takes one. */
        private int runEnd(int from, int end, int halfWidth, int fullWidth) {
            int j = from + 1;
            while (j < end && (Utility.getCharType(buffer[j]) == halfWidth || Utility.getCharType(buffer[j]) == fullWidth)) {
                j++;
            }
            return j;
        }

        private boolean holds(int from, int to, int charType) {
            for (int i = from; i < to; i++) {
                if (Utility.getCharType(buffer[i]) == charType) {
                    return true;
                }
            }
            return false;
        }
    }
}

package cn.insurer.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The faster word analysis gives exactly SmartChineseAnalyzer's tokens: terms, offsets, positions and types. */
class SegmentedWordsTest {

    private final Analyzer smartcn = new SmartChineseAnalyzer();
    private final Analyzer ours = new SegmentedWords();

    @Test
    void sameTokensAsSmartcnOnHandPickedText() throws IOException {
        List<String> texts = List.of(
                "",
                "   \t\n ",
                "The insured shall give notice of loss within 30 days. Proof of loss, Form No. 12-B!",
                "被保险人张伟驾驶车辆发生交通事故，申请理赔。 Claim No. CLM-2025-000123 filed on 2025/03/09.",
                "ＰＤＡＡ２０２５ＳＨ００１ 保单 ＡＢＣ１２３ full-width ＡＢＣ and digits ０１２３.",
                "Naïve café résumé — Größe, Ελληνικά, русский текст; 3.14159 and 1,000,000.",
                "emoji 😀 in a sentence. 𠀋 is outside the basic plane. Mixed 😀中文 and ＡＢ中.",
                "http://example.com/path?q=1&r=2 e-mail: claims@insurer.cn (tel. +86 21 5555 0000)",
                "《机动车辆保险条款》第十二条：保险人应当在30日内作出核定；情形复杂的，应当在30日内作出核定。",
                "UPPER lower MiXeD CamelCase snake_case kebab-case dot.separated 'quoted' \"double\"",
                "Line one\nLine two\r\nLine three\u2028Line four\u3000全角空格　after");
        for (String text : texts) {
            assertEquals(tokens(smartcn, text), tokens(ours, text), text);
        }
    }

    @Test
    void sameTokensAsSmartcnOnRandomText() throws IOException {
        String pool = "abcXYZ019 \t\n.,;:!?()-_/'\"@#%&*+=<>[]{}|~ÀéßΩЖ—…、。，！？；：「」《》（）"
                + "ＡＢＣａｂｃ０１２３　被保险人理赔张伟车险定损保单号金额元月日年的了是在中國保險"
                + "\uD83D\uDE00\uD840\uDC0B\u00A0\u2003\u200B";
        Random random = new Random(20261206L);
        for (int round = 0; round < 3000; round++) {
            int length = random.nextInt(round % 50 == 0 ? 4000 : 120);
            StringBuilder text = new StringBuilder();
            while (text.length() < length) {
                int at = random.nextInt(pool.length());
                char c = pool.charAt(at);
                if (Character.isHighSurrogate(c) && at + 1 < pool.length()) {
                    text.append(c).append(pool.charAt(at + 1));
                } else if (!Character.isLowSurrogate(c)) {
                    text.append(c);
                }
            }
            assertEquals(tokens(smartcn, text.toString()), tokens(ours, text.toString()), text.toString());
        }
    }

    @Test
    void longEnglishTextWithoutSentenceBreaksAcrossTheTokenizersBuffer() throws IOException {
        String text = "policy schedule item ".repeat(2000) + "end";
        List<String> expected = tokens(smartcn, text);
        assertTrue(expected.size() > 6000, "the text is tokenized");
        assertEquals(expected, tokens(ours, text));
    }

    @Test
    void offsetsAreCorrectedThroughACharFilter() throws IOException {
        String text = "保險 Claims handled 2025. 理賠";
        assertEquals(tokens(new Folded(smartcn), text), tokens(new Folded(ours), text));
    }

    @Test
    void queriesNormaliseAlike() {
        assertEquals(smartcn.normalize("f", "ＡＢＣ Proof"), ours.normalize("f", "ＡＢＣ Proof"));
        assertEquals(new BytesRef("abc"), ours.normalize("f", "ABC"));
    }

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term + "/" + offsets.startOffset() + "-" + offsets.endOffset() + "/+" + increment.getPositionIncrement()
                        + "/" + type.type());
            }
            stream.end();
            tokens.add("end " + offsets.endOffset() + " +" + increment.getPositionIncrement());
        }
        return tokens;
    }

    /** The traditional-to-simplified folding the archive puts in front of the segmenter, which shifts offsets. */
    private static final class Folded extends org.apache.lucene.analysis.AnalyzerWrapper {
        private final Analyzer delegate;

        Folded(Analyzer delegate) {
            super(delegate.getReuseStrategy());
            this.delegate = delegate;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return delegate;
        }

        @Override
        protected java.io.Reader wrapReader(String fieldName, java.io.Reader reader) {
            return new TraditionalToSimplified().wrap(reader);
        }
    }
}

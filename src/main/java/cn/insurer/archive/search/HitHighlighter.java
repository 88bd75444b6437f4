package cn.insurer.archive.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * Shows matched text in context. Highlights come from the bigram content field: a Chinese word
 * is matched as overlapping bigrams (交通, 通事, 事故), which the formatter merges into one
 * {@code <em>交通事故</em>}.
 */
final class HitHighlighter {

    private static final int MAX_FRAGMENTS = 3;
    private static final int FRAGMENT_LENGTH = 80;
    /** Extracted text can be long; matches beyond this many characters are not shown. */
    private static final int MAX_HIGHLIGHTED_LENGTH = 1_000_000;
    /** Joins passages inside the highlighter; never emitted by {@link Formatter#append}. */
    private static final String PASSAGE_SEPARATOR = "\u0001";

    private final Analyzer analyzer;

    HitHighlighter(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** Fragments per document, in the order of {@code docIds}. */
    List<List<String>> highlight(IndexSearcher searcher, Query query, int[] docIds) throws IOException {
        if (docIds.length == 0) {
            return List.of();
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withMaxLength(MAX_HIGHLIGHTED_LENGTH)
                // Sentences in extracted text can run for pages, so fragments have a fixed length
                // centred on the match rather than ending at full stops.
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        new FragmentBreakIterator(), FRAGMENT_LENGTH, 0.5f))
                .withFormatter(new Formatter())
                .withScorer(new Scorer())
                // Without a match there is nothing to show; do not fall back to the opening text.
                .withMaxNoHighlightPassages(0)
                .build();
        // An item's text and a dossier record's (DossierText): each document holds one of them.
        Map<String, String[]> byField = highlighter.highlightFields(
                new String[] {ArchiveFields.CONTENT, DossierText.CONTENT}, query, docIds, new int[] {MAX_FRAGMENTS, MAX_FRAGMENTS});
        String[] items = byField.get(ArchiveFields.CONTENT);
        String[] dossiers = byField.get(DossierText.CONTENT);
        List<List<String>> result = new ArrayList<>(docIds.length);
        for (int i = 0; i < docIds.length; i++) {
            String snippet = items != null && items[i] != null ? items[i] : dossiers == null ? null : dossiers[i];
            result.add(snippet == null ? List.of() : fragments(snippet));
        }
        return result;
    }

    private static List<String> fragments(String snippet) {
        return Arrays.stream(snippet.split(PASSAGE_SEPARATOR))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * Lucene's passage scoring, computed without the hash table that {@link PassageScorer} builds
     * for every candidate passage: that table allocates 32 KB each time, and with a frequent
     * term in every passage of twenty hits it was the largest single cost in a profile of
     * {@code SearchBench}.
     */
    private static final class Scorer extends PassageScorer {

        @Override
        public float score(Passage passage, int contentLength) {
            int matches = passage.getNumMatches();
            BytesRef[] terms = passage.getMatchTerms();
            int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
            BytesRef[] distinct = new BytesRef[matches];
            int[] inPassage = new int[matches];
            int[] inDoc = new int[matches];
            int count = 0;
            for (int i = 0; i < matches; i++) {
                int term = 0;
                while (term < count && !distinct[term].equals(terms[i])) {
                    term++;
                }
                if (term == count) {
                    distinct[count] = terms[i];
                    inDoc[count] = freqsInDoc[i];
                    count++;
                }
                inPassage[term]++;
            }
            float score = 0;
            for (int term = 0; term < count; term++) {
                score += tf(inPassage[term], passage.getLength()) * weight(contentLength, inDoc[term]);
            }
            return score * norm(passage.getStartOffset());
        }
    }

    /**
     * Escapes only what HTML needs, unlike the default formatter, which turns every space and
     * punctuation mark into a numeric entity and makes fragments unreadable outside a browser.
     */
    private static final class Formatter extends DefaultPassageFormatter {

        Formatter() {
            super("<em>", "</em>", PASSAGE_SEPARATOR, true);
        }

        @Override
        protected void append(StringBuilder dest, String content, int start, int end) {
            for (int i = start; i < end; i++) {
                char ch = content.charAt(i);
                switch (ch) {
                    case '&' -> dest.append("&amp;");
                    case '<' -> dest.append("&lt;");
                    case '>' -> dest.append("&gt;");
                    case '"' -> dest.append("&quot;");
                    case '\'' -> dest.append("&#39;");
                    default -> dest.append(Character.isISOControl(ch) || isSeparator(ch) ? ' ' : ch);
                }
            }
        }

        /** Multi-valued fields come back joined by U+2029, and extracted text has line breaks. */
        private static boolean isSeparator(char ch) {
            return Character.getType(ch) == Character.PARAGRAPH_SEPARATOR
                    || Character.getType(ch) == Character.LINE_SEPARATOR;
        }
    }
}

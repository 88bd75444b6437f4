package cn.insurer.archive.search;

import java.io.Closeable;
import java.io.Reader;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.util.IOUtils;

/**
 * Analysis for Chinese and English archive text.
 *
 * <p>Free text is indexed twice: segmented into words by SmartChineseAnalyzer, which ranks real
 * words well but splits names and trade terms (张伟, 定损) into single characters, and as CJK
 * bigrams, which find any contiguous Chinese string regardless of the dictionary. Queries run
 * against both; {@code RelevanceBench} measured this combination against either analysis alone.
 * Identifiers are kept whole so that policy and claim numbers match exactly. Traditional
 * characters are folded to simplified ones before either analysis, at index and query time alike.
 */
public final class ArchiveAnalyzers implements Closeable {

    /** Keeps phrases from matching across the end of one value and the start of the next. */
    private static final int POSITION_GAP = 100;

    private static final Set<String> WORD_FIELDS =
            Set.of(ArchiveFields.TITLE_WORDS, ArchiveFields.CONTENT_WORDS, DossierText.CONTENT_WORDS);

    private final TextAnalysis analysis;
    private final Analyzer words;
    private final Analyzer bigrams;
    private final Analyzer identifiers = new IdentifierAnalyzer();
    private final Analyzer keywords = new KeywordAnalyzer();
    private final Analyzer perField;

    /** The analysis the archive ships. */
    public ArchiveAnalyzers() {
        this(TextAnalysis.WORDS_AND_BIGRAMS, true);
    }

    ArchiveAnalyzers(TextAnalysis analysis, boolean foldTraditional) {
        this.analysis = analysis;
        // SmartChineseAnalyzer's tokens, cut faster where a sentence has no Chinese character.
        Analyzer segmenter = new SegmentedWords();
        // No stop words: quoted English phrases such as "proof of loss" must keep every word.
        Analyzer bigrammer = new CJKAnalyzer(CharArraySet.EMPTY_SET);
        if (foldTraditional) {
            TraditionalToSimplified folding = new TraditionalToSimplified();
            segmenter = new Folding(segmenter, folding);
            bigrammer = new Folding(bigrammer, folding);
        }
        this.words = segmenter;
        this.bigrams = bigrammer;
        this.perField = new PerField(Map.of(
                ArchiveFields.TITLE, bigrams,
                ArchiveFields.CONTENT, bigrams,
                ArchiveFields.TITLE_WORDS, words,
                ArchiveFields.CONTENT_WORDS, words,
                DossierText.CONTENT, bigrams,
                DossierText.CONTENT_WORDS, words,
                ArchiveFields.IDENTIFIER, identifiers));
    }

    /** Which of the word and bigram fields are indexed and queried. */
    TextAnalysis analysis() {
        return analysis;
    }

    /** The analyzer for indexing and query parsing; fields without free text are taken verbatim. */
    public Analyzer perField() {
        return perField;
    }

    public Analyzer words() {
        return words;
    }

    public Analyzer bigrams() {
        return bigrams;
    }

    public Analyzer identifiers() {
        return identifiers;
    }

    static boolean isWordField(String field) {
        return WORD_FIELDS.contains(field);
    }

    @Override
    public void close() {
        IOUtils.closeWhileHandlingException(perField, words, bigrams, identifiers, keywords);
    }

    private final class PerField extends DelegatingAnalyzerWrapper {
        private final Map<String, Analyzer> byField;

        PerField(Map<String, Analyzer> byField) {
            super(PER_FIELD_REUSE_STRATEGY);
            this.byField = byField;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return byField.getOrDefault(fieldName, keywords);
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return POSITION_GAP;
        }
    }

    /**
     * Folds the text before the wrapped analyzer sees it. SmartChineseAnalyzer's dictionary is in
     * simplified characters, so folding after segmentation would leave 保險 split into 保 + 險.
     */
    private static final class Folding extends AnalyzerWrapper {
        private final Analyzer delegate;
        private final TraditionalToSimplified folding;

        Folding(Analyzer delegate, TraditionalToSimplified folding) {
            super(delegate.getReuseStrategy());
            this.delegate = delegate;
            this.folding = folding;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return delegate;
        }

        @Override
        protected Reader wrapReader(String fieldName, Reader reader) {
            return folding.wrap(reader);
        }

        @Override
        protected Reader wrapReaderForNormalization(String fieldName, Reader reader) {
            return folding.wrap(reader);
        }

        @Override
        public void close() {
            IOUtils.closeWhileHandlingException(delegate);
            super.close();
        }
    }

    /** Whole value, full-width forms folded (ＰＤＡＡ → pdaa), lower-cased. */
    private static final class IdentifierAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new KeywordTokenizer();
            TokenStream result = new LowerCaseFilter(new CJKWidthFilter(source));
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(new CJKWidthFilter(in));
        }
    }
}

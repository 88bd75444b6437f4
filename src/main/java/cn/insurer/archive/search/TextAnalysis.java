package cn.insurer.archive.search;

/**
 * Which analyses of free text are indexed and queried. The archive ships
 * {@link #WORDS_AND_BIGRAMS}; the others exist so that the choice can be measured
 * (see {@code RelevanceBench}) through the same indexing and query code.
 */
enum TextAnalysis {
    /** SmartChineseAnalyzer words only. */
    WORDS(true, false),
    /** Overlapping CJK bigrams only. */
    BIGRAMS(false, true),
    /** Both, in separate fields queried together. */
    WORDS_AND_BIGRAMS(true, true);

    private final boolean words;
    private final boolean bigrams;

    TextAnalysis(boolean words, boolean bigrams) {
        this.words = words;
        this.bigrams = bigrams;
    }

    boolean usesWords() {
        return words;
    }

    boolean usesBigrams() {
        return bigrams;
    }
}

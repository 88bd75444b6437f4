package cn.insurer.archive.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanFirstQuery;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.AfterEffectB;
import org.apache.lucene.search.similarities.AfterEffectL;
import org.apache.lucene.search.similarities.AxiomaticF2EXP;
import org.apache.lucene.search.similarities.AxiomaticF2LOG;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.BasicModelG;
import org.apache.lucene.search.similarities.BasicModelIn;
import org.apache.lucene.search.similarities.DFISimilarity;
import org.apache.lucene.search.similarities.DFRSimilarity;
import org.apache.lucene.search.similarities.DistributionLL;
import org.apache.lucene.search.similarities.DistributionSPL;
import org.apache.lucene.search.similarities.IBSimilarity;
import org.apache.lucene.search.similarities.IndependenceChiSquared;
import org.apache.lucene.search.similarities.LMDirichletSimilarity;
import org.apache.lucene.search.similarities.LMJelinekMercerSimilarity;
import org.apache.lucene.search.similarities.LambdaDF;
import org.apache.lucene.search.similarities.NormalizationH2;
import org.apache.lucene.search.similarities.Similarity;

/**
 * How the archive ranks what a user typed; the one place that decides it.
 *
 * <p>For a query of a few words, documents with every word come first, as adjusters expect; below
 * them, and for longer queries (a pasted title or sentence) throughout, come the documents with
 * enough of the words, ranked by BM25 over the Chinese words and bigrams of the text, with a boost
 * for words that stand next to each other as in the query, for words in the title and for words in
 * the opening of the text. Numbers (policy and claim numbers, plates, years) and exclusions are
 * never relaxed. The parameters exist so that {@code RelevanceBench} can measure each choice; the
 * archive ships {@link #SHIPPED}.
 *
 * @param restBelow     whether documents with only some of the words are ranked below those with
 *                      all of them; false runs them only when none has all of them
 * @param tierWords     queries of up to this many words (particles aside) show the documents with
 *                      every word first; longer ones are ranked by BM25 alone
 * @param keywordList   whether words set apart by spaces, each of up to {@code tierWords} words,
 *                      also show the documents with every word first, however many they are
 * @param longQuery     queries with at least this many words need {@code share} of them
 * @param share         the share of the words a document of a long query needs (at least one)
 * @param bigrams       weight of the bigram field beside the word field in the ranking
 * @param proximity     boost of two query words found next to each other, in the query's order
 * @param title         boost of query words in a title
 * @param lead          boost of query words among the first {@code leadPositions} positions of the content
 * @param leadPositions how far the opening of a text reaches, in positions of the word field
 * @param k1            BM25 term frequency saturation
 * @param b             BM25 length normalisation
 * @param slop          how far apart two neighbouring query words may stand and still earn {@code proximity}
 * @param scoring       the similarity the text is scored with; {@code k1} and {@code b} apply to BM25 alone
 * @param opening       which of the query's words count in the opening, and how
 * @param particles     where particles (的, 和, 并) count, words that say nothing of a subject
 * @param together      boost of every word of the query standing together, at most as many words apart
 *                      as the query has, in any order
 * @param runs          whether a run the segmenter glues together because it holds single characters is
 *                      relaxed when it holds three words or more, one of them of two characters or more
 *                      (读写变量, 给文件编行号), not only when it holds two such words
 * @param further       boost of query words of two characters or more (particles aside) among the first
 *                      {@code furtherPositions} positions of the content, beyond the opening and in it alike,
 *                      counted as in the opening
 * @param furtherPositions how far the beginning of a text reaches, in positions of the word field
 * @param bigramLead    boost of the query's character bigrams found among the first {@code bigramLeadPositions}
 *                      positions of the bigram field, each by its rarity alone
 * @param bigramLeadPositions how far the opening reaches on the bigram field, in positions (about characters)
 */
record Ranking(boolean restBelow, int tierWords, boolean keywordList, int longQuery, float share, float bigrams, float proximity,
               float title, float lead, int leadPositions, float k1, float b, int slop, Scoring scoring,
               Opening opening, Particles particles, float together, boolean runs, float further,
               int furtherPositions, float bigramLead, int bigramLeadPositions) {

    /** The character pairs of a query with more of them do not count in the opening ({@link #bigramLead}). */
    static final int BIGRAM_LEAD_PAIRS = 64;

    /** Lifts documents with every word above all others: BM25 scores of a title-length query stay far below. */
    static final float EVERY_WORD = 10_000f;

    /**
     * The ranking the archive ships; chosen on the Debian Reference and manual pages alone. Every
     * word first for what a user types as words: a query of up to two words (家财险, 张伟 车险) and a
     * list of Chinese words set apart by spaces (张伟 车险 追尾 定损), however long. A pasted title or
     * sentence is ranked by BM25 alone: holding every one of its segmented words first measured 0.621
     * against 0.678 MRR@10 on corpus A ({@link #EVERY_WORD_FIRST}), since the page sought often says
     * one of them differently and fell below every page that happens to have them all.
     * The lead counts the words of a text's opening: an item's title, the position gap of 100 and
     * about the first fifty words of its text. Every word counts there, those kept as phrases too
     * (BLAKE2, MD5, a name), each by its rarity and how often the opening has it, not discounted
     * for the length of the whole text, since the opening is as long in every text
     * ({@link Opening#WORDS}). MRR@10, simplified queries, against single terms discounted by the
     * text's length before ({@link Opening#TERMS_BY_LENGTH}): corpus A 0.676 to 0.679, corpus B
     * 0.564 to 0.572 (traditional 0.565 to 0.581), in both layouts.
     * Words of two characters or more a little further on, among the first 300 positions (about the
     * first two hundred words of the text), count a little extra as well ({@link #further}); single
     * characters and particles, found there by chance, do not, which also keeps the longest query
     * within Lucene's clause limit. A run of single characters the segmenter glues together is
     * relaxed when it holds three words or more, one of them of two characters or more
     * ({@link #runs}). Both against {@link #OPENING_ONLY}: corpus A 0.679 to 0.687, corpus B 0.572
     * to 0.582 while section numbers were left in corpus A's and B's queries; with them stripped,
     * A 0.678 to 0.688 and B 0.569 to 0.570.
     * The query's character pairs found in the opening, among the first 175 positions of the bigram
     * field, count as well, each by its rarity alone ({@link #bigramLead}): the segmenter cuts the
     * same characters differently in a title than in running text, their pairs are the same.
     * Against {@link #WORDS_IN_OPENING}: corpus A 0.688 to 0.702, corpus B 0.570 to 0.582.
     */
    static final Ranking SHIPPED = new Ranking(true, 2, true, 6, 0.25f, 1f, 0.5f, 2f, 2f, 150, 2f, 0.75f, 0,
            Scoring.BM25, Opening.WORDS, Particles.EVERYWHERE, 0f, true, 0.5f, 300, 1f, 175);

    /**
     * The ranking shipped until the opening counted the query's character pairs ({@link #bigramLead}):
     * the opening counted the segmenter's words alone.
     */
    static final Ranking WORDS_IN_OPENING = SHIPPED.withBigramLead(0f, 0);

    /**
     * The ranking shipped before {@link #SHIPPED}: the opening alone counted extra, and a run of
     * single characters relaxed only when it held two words of two characters or more.
     */
    static final Ranking OPENING_ONLY = new Ranking(true, 2, true, 6, 0.25f, 1f, 0.5f, 2f, 2f, 150, 2f, 0.75f, 0,
            Scoring.BM25, Opening.WORDS, Particles.EVERYWHERE, 0f, false, 0f, 0, 0f, 0);

    /**
     * The ranking shipped before {@link #SHIPPED}'s opening, without keyword lists: every word first only
     * for queries of up to two words; measured, not shipped.
     */
    static final Ranking SHORT_TIER = new Ranking(true, 2, false, 6, 0.25f, 1f, 0.5f, 2f, 2f, 150, 2f, 0.75f);

    /** The ranking before {@link #SHIPPED}: every word first at any length, with the lead and k1 2. */
    static final Ranking EVERY_WORD_FIRST = new Ranking(true, Integer.MAX_VALUE, false, 6, 0.25f, 1f, 0.5f, 2f, 2f, 150, 2f, 0.75f);

    /** The ranking before {@link #EVERY_WORD_FIRST}: every word first at any length, no lead, k1 1.2. */
    static final Ranking PREVIOUS = new Ranking(true, Integer.MAX_VALUE, false, 6, 0.25f, 1f, 0.5f, 2f, 0f, 0, 1.2f, 0.75f);

    /** The ranking until this one: every word required, any word only when nothing has them all. */
    static final Ranking EVERY_WORD_ONLY = new Ranking(false, Integer.MAX_VALUE, false, Integer.MAX_VALUE, 0f, 0f, 0f, 2f, 0f, 0, 1.2f, 0.75f);

    Ranking {
        if (share < 0 || share > 1 || longQuery < 1 || tierWords < 0 || leadPositions < 0 || k1 < 0 || b < 0 || b > 1
                || slop < 0 || furtherPositions < 0 || bigramLeadPositions < 0 || scoring == null || opening == null || particles == null) {
            throw new IllegalArgumentException("share and b between 0 and 1, longQuery >= 1, k1, tierWords, leadPositions,"
                    + " furtherPositions, bigramLeadPositions, slop >= 0, a scoring, opening and particles");
        }
    }

    /** BM25 with exact phrases for neighbouring words and the opening as ranked until {@link #SHIPPED}. */
    Ranking(boolean restBelow, int tierWords, boolean keywordList, int longQuery, float share, float bigrams, float proximity,
            float title, float lead, int leadPositions, float k1, float b) {
        this(restBelow, tierWords, keywordList, longQuery, share, bigrams, proximity, title, lead, leadPositions, k1, b, 0,
                Scoring.BM25, Opening.TERMS_BY_LENGTH, Particles.EVERYWHERE, 0f, false, 0f, 0, 0f, 0);
    }

    /** Where particles count. */
    enum Particles {
        /** As any other word. */
        EVERYWHERE,
        /** Not in the opening, which is about the subject. */
        NOT_IN_OPENING,
        /** Neither in the opening nor in pairs of neighbouring words, which then pair across them. */
        NOT_IN_OPENING_OR_PAIRS
    }

    /** How the words of the query found in the opening of a text count. */
    enum Opening {
        /** Single terms only, scored by BM25 on the word field: the ranking before, which left out BLAKE2 and MD5. */
        TERMS_BY_LENGTH,
        /** Every word, phrases too, scored by BM25 on the word field, so less in a longer text. */
        WORDS_BY_LENGTH,
        /** Every word, each by its rarity and how often the opening has it, whatever the length of the text. */
        WORDS,
        /** Every word, each by its rarity alone: whether the opening has it. */
        WORDS_PRESENT
    }

    /** The similarities measured; the parameters of those other than BM25 are Lucene's defaults. */
    enum Scoring {
        BM25,
        LM_DIRICHLET,
        LM_JELINEK_MERCER,
        DFR_IN_L_H2,
        DFR_G_B_H2,
        IB_LL_DF_H2,
        IB_SPL_DF_H2,
        DFI_CHI_SQUARED,
        AXIOMATIC_F2EXP,
        AXIOMATIC_F2LOG
    }

    Similarity similarity() {
        return switch (scoring) {
            case BM25 -> new BM25Similarity(k1, b);
            case LM_DIRICHLET -> new LMDirichletSimilarity();
            case LM_JELINEK_MERCER -> new LMJelinekMercerSimilarity(0.7f);
            case DFR_IN_L_H2 -> new DFRSimilarity(new BasicModelIn(), new AfterEffectL(), new NormalizationH2());
            case DFR_G_B_H2 -> new DFRSimilarity(new BasicModelG(), new AfterEffectB(), new NormalizationH2());
            case IB_LL_DF_H2 -> new IBSimilarity(new DistributionLL(), new LambdaDF(), new NormalizationH2());
            case IB_SPL_DF_H2 -> new IBSimilarity(new DistributionSPL(), new LambdaDF(), new NormalizationH2());
            case DFI_CHI_SQUARED -> new DFISimilarity(new IndependenceChiSquared());
            case AXIOMATIC_F2EXP -> new AxiomaticF2EXP();
            case AXIOMATIC_F2LOG -> new AxiomaticF2LOG();
        };
    }

    Ranking withScoring(Scoring scoring) {
        return new Ranking(restBelow, tierWords, keywordList, longQuery, share, bigrams, proximity, title, lead, leadPositions,
                k1, b, slop, scoring, opening, particles, together, runs, further, furtherPositions, bigramLead, bigramLeadPositions);
    }

    Ranking withTogether(float together) {
        return new Ranking(restBelow, tierWords, keywordList, longQuery, share, bigrams, proximity, title, lead, leadPositions,
                k1, b, slop, scoring, opening, particles, together, runs, further, furtherPositions, bigramLead, bigramLeadPositions);
    }

    Ranking withParticles(Particles particles) {
        return new Ranking(restBelow, tierWords, keywordList, longQuery, share, bigrams, proximity, title, lead, leadPositions,
                k1, b, slop, scoring, opening, particles, together, runs, further, furtherPositions, bigramLead, bigramLeadPositions);
    }

    Ranking withOpening(Opening opening) {
        return new Ranking(restBelow, tierWords, keywordList, longQuery, share, bigrams, proximity, title, lead, leadPositions,
                k1, b, slop, scoring, opening, particles, together, runs, further, furtherPositions, bigramLead, bigramLeadPositions);
    }

    Ranking withRuns(boolean runs) {
        return new Ranking(restBelow, tierWords, keywordList, longQuery, share, bigrams, proximity, title, lead, leadPositions,
                k1, b, slop, scoring, opening, particles, together, runs, further, furtherPositions, bigramLead, bigramLeadPositions);
    }

    Ranking withFurther(float further, int furtherPositions) {
        return new Ranking(restBelow, tierWords, keywordList, longQuery, share, bigrams, proximity, title, lead, leadPositions,
                k1, b, slop, scoring, opening, particles, together, runs, further, furtherPositions, bigramLead, bigramLeadPositions);
    }

    Ranking withSlop(int slop) {
        return new Ranking(restBelow, tierWords, keywordList, longQuery, share, bigrams, proximity, title, lead, leadPositions,
                k1, b, slop, scoring, opening, particles, together, runs, further, furtherPositions, bigramLead, bigramLeadPositions);
    }

    Ranking withBigramLead(float bigramLead, int bigramLeadPositions) {
        return new Ranking(restBelow, tierWords, keywordList, longQuery, share, bigrams, proximity, title, lead, leadPositions,
                k1, b, slop, scoring, opening, particles, together, runs, further, furtherPositions, bigramLead, bigramLeadPositions);
    }

    /**
     * The query for documents with some of the words, to be ranked below those with all of them
     * ({@link #tiered}); null when the text has fewer than two words besides numbers, which leaves
     * nothing to relax.
     */
    Query some(UserQueryParser parser, UserQueryParser.Text text) {
        if (text.isBlank()) {
            return null;
        }
        List<Query> exclusions = new ArrayList<>();
        // The words as the user typed them, names and terms such as 家财险 or 已结案 whole: one of
        // them alone leaves nothing to relax, and relaxing it into its characters would find noise.
        // A run the segmenter glues into one phrase because it holds single characters (删除空目录)
        // is several words all the same when two of them are words of two characters or more, or
        // (with runs) when it holds three words or more and one of them is such a word (读写变量,
        // 给文件编行号): a name or a term typed as one word (张伟, 家财险) falls into two pieces at most.
        List<Query> typedWords = parser.words(text, ArchiveFields.CONTENT_WORDS);
        long longWords = typedWords.stream().filter(leaf -> !isNumber(leaf) && isLongWord(leaf)).count();
        boolean severalWords = longWords >= 2
                || runs && longWords >= 1 && typedWords.stream().filter(leaf -> !isNumber(leaf)).count() >= 3;
        if (parser.leaves(text, ArchiveFields.CONTENT_WORDS, exclusions).stream().filter(leaf -> !isNumber(leaf)).count() < 2
                && !severalWords) {
            return null;
        }
        List<Query> numbers = typedWords.stream().filter(Ranking::isNumber).toList();
        List<Query> plainWords = typedWords.stream().filter(leaf -> !isNumber(leaf)).toList();
        if (plainWords.size() < 2) {
            return null;
        }
        int needed = plainWords.size() >= longQuery ? Math.max(1, (int) Math.ceil(plainWords.size() * share)) : 1;
        BooleanQuery.Builder matching = new BooleanQuery.Builder();
        matching.add(enough(plainWords, needed), Occur.SHOULD);
        List<Query> pairs = bigrams > 0 || bigramLead > 0
                ? parser.words(text, ArchiveFields.CONTENT).stream().filter(leaf -> !isNumber(leaf)).toList()
                : List.of();
        if (bigrams > 0) {
            if (!pairs.isEmpty()) {
                int neededPairs = plainWords.size() >= longQuery ? Math.max(1, (int) Math.ceil(pairs.size() * share)) : 1;
                Query bigramQuery = enough(pairs, neededPairs);
                matching.add(bigrams == 1f ? bigramQuery : new BoostQuery(bigramQuery, bigrams), Occur.SHOULD);
            }
        }
        BooleanQuery.Builder root = new BooleanQuery.Builder().add(matching.build(), Occur.MUST);
        numbers.forEach(number -> root.add(number, Occur.FILTER));
        if (title > 0) {
            parser.words(text, ArchiveFields.TITLE_WORDS)
                    .forEach(word -> root.add(new BoostQuery(word, title), Occur.SHOULD));
        }
        if (proximity > 0) {
            // Bigram pairs as well measured worse (0.588 against 0.599 MRR@10 on corpus A).
            adjacentPairs(root, particles == Particles.NOT_IN_OPENING_OR_PAIRS ? subjectWords(plainWords) : plainWords,
                    proximity, slop);
        }
        if (together > 0 && plainWords.size() > 2) {
            List<SpanQuery> spans = plainWords.stream().map(Ranking::span).filter(span -> span != null).toList();
            if (spans.size() > 2) {
                root.add(new BoostQuery(new SpanNearQuery(spans.toArray(SpanQuery[]::new), spans.size(), false), together),
                        Occur.SHOULD);
            }
        }
        if (lead > 0 || further > 0) {
            // Known items are found by what their opening is about: 0.645 to 0.678 MRR@10 on corpus A
            // (single terms, discounted by the text's length), 0.679 with every word counted, 0.687
            // with the words a little further on counted too (0.690 with single characters and
            // particles as well, which takes the longest query beyond the clause limit).
            for (Query word : particles == Particles.EVERYWHERE ? plainWords : subjectWords(plainWords)) {
                SpanQuery span = opening != Opening.TERMS_BY_LENGTH || word instanceof TermQuery ? span(word) : null;
                if (span != null && lead > 0) {
                    root.add(new BoostQuery(first(span, leadPositions), lead), Occur.SHOULD);
                }
                if (span != null && further > 0 && isLongWord(word) && !isParticle(word)) {
                    root.add(new BoostQuery(first(span, furtherPositions), further), Occur.SHOULD);
                }
            }
        }
        if (bigramLead > 0) {
            // The segmenter may cut the query's words differently from the same words in the text
            // (as one word here, as two there); the characters' pairs are the same on both sides.
            // A title's pairs, not a pasted paragraph's, which has no opening to be found by and
            // would take the query beyond the clause limit.
            for (Query pair : pairs.size() <= BIGRAM_LEAD_PAIRS ? pairs : List.<Query>of()) {
                SpanQuery span = span(pair);
                if (span != null) {
                    Query present = new OwnSimilarity(new SpanFirstQuery(span, bigramLeadPositions), new BM25Similarity(0f, 0f));
                    root.add(new BoostQuery(present, bigramLead), Occur.SHOULD);
                }
            }
        }
        exclusions.forEach(exclusion -> root.add(exclusion, Occur.MUST_NOT));
        return root.build();
    }

    /** A word among the first {@code positions} positions of the content, scored as {@link #opening} says. */
    private Query first(SpanQuery span, int positions) {
        Query first = new SpanFirstQuery(span, positions);
        if (opening == Opening.WORDS || opening == Opening.WORDS_PRESENT) {
            first = new OwnSimilarity(first, new BM25Similarity(opening == Opening.WORDS ? k1 : 0f, 0f));
        }
        return first;
    }

    /**
     * The query for the first tier: {@code typed}, the query as typed with every word required, for
     * queries of up to {@code tierWords} words (particles such as 的 and 和 not counted); none for
     * longer ones, which BM25 ranks on its own.
     */
    Query every(UserQueryParser parser, UserQueryParser.Text text, Query typed) {
        if (text.isBlank() || tierWords == Integer.MAX_VALUE) {
            return typed;
        }
        if (words(parser, text) <= tierWords || keywordList && isKeywordList(parser, text)) {
            return typed;
        }
        return new MatchNoDocsQuery("no first tier for a pasted text");
    }

    /**
     * Whether the user chose the words: Chinese words set apart by spaces, each a word or a name of
     * at most {@code tierWords} words (张伟 车险 追尾定损), or quoted. Those words are the user's, and
     * documents with all of them come first. The words of a pasted title or sentence are the
     * segmenter's, and a page that says one of them differently is still the page sought; spaces
     * around a Latin word (使用 apt 安装软件包) are typography, not a list.
     */
    private boolean isKeywordList(UserQueryParser parser, UserQueryParser.Text text) {
        List<PlainWords.Alternative> alternatives = PlainWords.of(text.typed());
        if (alternatives.isEmpty()) {
            return false;
        }
        for (PlainWords.Alternative alternative : alternatives) {
            boolean neighbours = false;
            boolean previousChinese = false;
            for (PlainWords.Chunk chunk : alternative.required()) {
                boolean chinese = UserQueryParser.containsCjk(chunk.text());
                if (chinese && !chunk.quoted() && words(parser, parser.text(chunk.text())) > tierWords) {
                    return false;
                }
                neighbours |= chinese && previousChinese;
                previousChinese = chinese;
            }
            if (!neighbours) {
                return false;
            }
        }
        return true;
    }

    private static long words(UserQueryParser parser, UserQueryParser.Text text) {
        return parser.leaves(text, ArchiveFields.CONTENT_WORDS, new ArrayList<>()).stream()
                .filter(leaf -> !isParticle(leaf))
                .count();
    }

    /** Words that say nothing of a subject; they do not make a query long. */
    private static final Set<String> PARTICLES = Set.of("的", "和", "与", "及", "在", "中", "用", "使用", "了", "是",
            "或", "对", "等", "以及", "将", "把", "从", "到", "为", "由", "于", "之", "其", "一个", "个", "并", "而",
            "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "from", "is", "as", "at");

    /** The words without particles, unless nothing else is left. */
    private static List<Query> subjectWords(List<Query> words) {
        List<Query> subject = words.stream().filter(word -> !isParticle(word)).toList();
        return subject.isEmpty() ? words : subject;
    }

    /** A word of two characters or more, as the segmenter found it. */
    private static boolean isLongWord(Query leaf) {
        return leaf instanceof TermQuery term && term.getTerm().text().codePointCount(0, term.getTerm().text().length()) > 1;
    }

    private static boolean isParticle(Query leaf) {
        return leaf instanceof TermQuery term && PARTICLES.contains(term.getTerm().text());
    }

    /**
     * Every-word documents first, each ranked among them as among all by {@code some}; the rest
     * below. The tier is a constant, so the order within it is the same BM25 order as below it.
     */
    static Query tiered(Query every, Query some) {
        return new BooleanQuery.Builder()
                .add(new BoostQuery(new ConstantScoreQuery(every), EVERY_WORD), Occur.SHOULD)
                .add(some, Occur.SHOULD)
                .build();
    }

    /** Each two neighbouring leaves as a phrase: words or bigrams that stand together as in the query. */
    private static void adjacentPairs(BooleanQuery.Builder root, List<Query> leaves, float boost, int slop) {
        for (int i = 0; i + 1 < leaves.size(); i++) {
            Query adjacent = adjacent(leaves.get(i), leaves.get(i + 1), slop);
            if (adjacent != null) {
                root.add(new BoostQuery(adjacent, boost), Occur.SHOULD);
            }
        }
    }

    /** A term, or a phrase of terms standing together, as a span; null for anything else. */
    private static SpanQuery span(Query word) {
        if (word instanceof TermQuery term) {
            return new SpanTermQuery(term.getTerm());
        }
        if (word instanceof PhraseQuery phrase && phrase.getSlop() == 0) {
            int[] positions = phrase.getPositions();
            Term[] terms = phrase.getTerms();
            for (int i = 0; i < positions.length; i++) {
                if (positions[i] != i) {
                    return null;
                }
            }
            SpanQuery[] clauses = new SpanQuery[terms.length];
            for (int i = 0; i < terms.length; i++) {
                clauses[i] = new SpanTermQuery(terms[i]);
            }
            return new SpanNearQuery(clauses, 0, true);
        }
        return null;
    }

    private static Query enough(List<Query> leaves, int needed) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        leaves.forEach(leaf -> any.add(leaf, Occur.SHOULD));
        return any.setMinimumNumberShouldMatch(Math.min(needed, leaves.size())).build();
    }

    /** Two words as a phrase, or null when either is not a plain term or phrase of one field. */
    private static Query adjacent(Query first, Query second, int slop) {
        List<Term> terms = new ArrayList<>();
        if (!terms(first, terms) || !terms(second, terms)) {
            return null;
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(slop);
        terms.forEach(phrase::add);
        return phrase.build();
    }

    private static boolean terms(Query leaf, List<Term> into) {
        if (leaf instanceof TermQuery term) {
            into.add(term.getTerm());
            return true;
        }
        if (leaf instanceof PhraseQuery phrase && phrase.getSlop() == 0) {
            int[] positions = phrase.getPositions();
            for (int i = 0; i < positions.length; i++) {
                if (positions[i] != i) {
                    return false;
                }
            }
            into.addAll(List.of(phrase.getTerms()));
            return true;
        }
        return false;
    }

    /**
     * A policy, claim or business number, a plate or a year: four digits in a row or more. Such a
     * number says precisely what is meant and is never relaxed; shorter ones (versions, section
     * numbers, i386) count as words.
     */
    static boolean isNumber(Query leaf) {
        Set<Term> terms = new HashSet<>();
        leaf.visit(QueryVisitor.termCollector(terms));
        return terms.stream().anyMatch(term -> NUMBER.matcher(term.text()).find());
    }

    private static final Pattern NUMBER = Pattern.compile("[0-9]{4}");
}

package cn.insurer.archive.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns what a user typed into a query over the word, bigram and identifier fields.
 *
 * <p>The text is parsed once per field and the results are OR-ed, so the required terms must
 * all occur in the same field of a document. That is why the content fields hold the title, the
 * identifiers and the body together. A multi-field parser is not used: it pairs up the n-th
 * token of each field, which is meaningless when the word and bigram analyzers split a Chinese
 * string into different numbers of tokens.
 *
 * <p>Whatever is typed, every query built here holds only terms and phrases of the field it was
 * parsed for ({@link #plain}): typed syntax never chooses another field, never expands a pattern,
 * and never fails a search. Dossiers the caller may not read are matched by {@link #parseTitle},
 * which does not parse syntax at all.
 */
final class UserQueryParser {

    private static final float IDENTIFIER_BOOST = 4f;
    private static final float TITLE_BOOST = 2f;

    private final Analyzer analyzer;
    private final TextAnalysis analysis;
    /** Builds the title-only queries straight from analysis, with no parser in between. */
    private final QueryBuilder words;

    UserQueryParser(ArchiveAnalyzers analyzers) {
        this.analyzer = analyzers.perField();
        this.analysis = analyzers.analysis();
        this.words = new QueryBuilder(analyzer);
    }

    /**
     * What a user typed, parsed at most once per field however many of the queries below are
     * built from it: one search asks for the same fields several times, and Chinese word
     * segmentation is not free.
     */
    final class Text {
        private final String typed;
        private final Map<String, Optional<Query>> byField = new HashMap<>();

        private Text(String typed) {
            this.typed = typed;
        }

        boolean isBlank() {
            return typed == null || typed.isBlank();
        }

        String typed() {
            return typed;
        }

        private Query field(String field) {
            return byField.computeIfAbsent(field, f -> Optional.ofNullable(parseField(f, typed))).orElse(null);
        }
    }

    Text text(String typed) {
        return new Text(typed);
    }

    Query parse(String text) {
        return parse(text(text));
    }

    /** Match-all for blank input; match-nothing when nothing searchable is left after analysis. */
    Query parse(Text text) {
        if (text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        List<Query> exclusions = new ArrayList<>();
        BooleanQuery.Builder anyField = new BooleanQuery.Builder();
        if (analysis.usesWords()) {
            addShould(anyField, required(text.field(ArchiveFields.CONTENT_WORDS), exclusions), 1f);
        }
        if (analysis.usesBigrams()) {
            addShould(anyField, required(text.field(ArchiveFields.CONTENT), exclusions), 1f);
        }
        addShould(anyField, required(text.field(ArchiveFields.IDENTIFIER), exclusions), IDENTIFIER_BOOST);
        BooleanQuery matching = anyField.setMinimumNumberShouldMatch(1).build();

        BooleanQuery.Builder root = new BooleanQuery.Builder();
        if (!matching.clauses().isEmpty()) {
            root.add(matching, Occur.MUST);
        } else if (!exclusions.isEmpty()) {
            // Only exclusions, such as -定损: users mean everything except those.
            root.add(new MatchAllDocsQuery(), Occur.MUST);
        } else {
            return new MatchNoDocsQuery("no searchable terms");
        }
        // Title clauses only add to the score; matching is decided by the content fields.
        List<Query> ignored = new ArrayList<>();
        if (analysis.usesWords()) {
            addShould(root, required(text.field(ArchiveFields.TITLE_WORDS), ignored), TITLE_BOOST);
        }
        if (analysis.usesBigrams()) {
            addShould(root, required(text.field(ArchiveFields.TITLE), ignored), TITLE_BOOST);
        }
        exclusions.forEach(exclusion -> root.add(exclusion, Occur.MUST_NOT));
        return root.build();
    }

    /**
     * The leaves (terms and phrases) of {@code text} parsed for {@code field}, its exclusions moved
     * to {@code exclusions}: the words {@link Ranking} weighs one by one. Names and other runs the
     * segmenter splits into single characters stay whole, as phrases.
     */
    List<Query> leaves(Text text, String field, List<Query> exclusions) {
        List<Query> leaves = new ArrayList<>();
        if (!text.isBlank()) {
            flatten(text.field(field), leaves, exclusions);
        }
        return leaves;
    }

    /**
     * The plain words of {@code text} ({@link PlainWords}, every alternative's required words) as
     * single terms of {@code field}, to be weighed one by one: Chinese runs fall apart into their
     * words or bigrams, while quoted phrases and Latin runs (CL-2025-000042) stay phrases.
     * Syntax is not parsed, so nothing here reaches beyond the words on {@code field}.
     */
    List<Query> words(Text text, String field) {
        List<Query> words = new ArrayList<>();
        if (text.isBlank()) {
            return words;
        }
        Set<String> seen = new HashSet<>();
        for (PlainWords.Alternative alternative : PlainWords.of(text.typed)) {
            for (PlainWords.Chunk chunk : alternative.required()) {
                if (chunk.quoted() || !containsCjk(chunk.text())) {
                    Query phrase = this.words.createPhraseQuery(field, chunk.text());
                    Query plain = phrase == null ? null : plain(phrase, field);
                    if (plain != null && seen.add(plain.toString())) {
                        words.add(plain);
                    }
                    continue;
                }
                Query any = this.words.createBooleanQuery(field, chunk.text(), Occur.SHOULD);
                List<Query> terms = new ArrayList<>();
                flatten(any == null ? null : plain(any, field), terms, new ArrayList<>());
                terms.stream().filter(term -> seen.add(term.toString())).forEach(words::add);
            }
        }
        return words;
    }

    /**
     * What the highlighter marks: the terms and phrases of {@code text} on the bigram content
     * field, the one highlights are drawn from, any of them sufficing, so that a hit found by the
     * relaxed pass shows the words it has. Matching on one field is far cheaper per hit than on
     * the whole search query, whose other fields the highlighter would only discard. Null when
     * there is nothing to mark.
     */
    Query parseHighlight(Text text) {
        if (text.isBlank() || !analysis.usesBigrams()) {
            return null;
        }
        List<Query> leaves = new ArrayList<>();
        flatten(text.field(ArchiveFields.CONTENT), leaves, new ArrayList<>());
        if (leaves.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        leaves.forEach(leaf -> any.add(leaf, Occur.SHOULD));
        return any.build();
    }

    /** The leaves (terms and phrases) of a parsed query, its exclusions apart. */
    private static void flatten(Query query, List<Query> leaves, List<Query> exclusions) {
        if (query instanceof BooleanQuery bool) {
            for (BooleanClause clause : bool.clauses()) {
                if (clause.getOccur() == Occur.MUST_NOT) {
                    exclusions.add(clause.getQuery());
                } else {
                    flatten(clause.getQuery(), leaves, exclusions);
                }
            }
        } else if (query != null) {
            leaves.add(query);
        }
    }

    /**
     * The query against dossier titles only, for hits the caller may not read: what matches is then
     * only ever what the caller is shown, the title. The typed text is not parsed as query syntax at
     * all: its plain words ({@link PlainWords}) are analysed into terms and phrases of the title
     * fields, so field names, patterns, ranges and escapes are words like any other and can never
     * reach another field of a document the caller may not read.
     */
    Query parseTitle(String text) {
        if (text == null || text.isBlank()) {
            return new MatchNoDocsQuery("no title query");
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int alternatives = 0;
        for (PlainWords.Alternative alternative : PlainWords.of(text)) {
            Query title = titleAlternative(alternative);
            if (title != null) {
                any.add(title, Occur.SHOULD);
                alternatives++;
            }
        }
        return alternatives == 0 ? new MatchNoDocsQuery("no searchable terms") : any.build();
    }

    /** Every required word in one title field, and no excluded word in either. */
    private Query titleAlternative(PlainWords.Alternative alternative) {
        BooleanQuery.Builder anyField = new BooleanQuery.Builder();
        int fields = 0;
        for (String field : titleFields()) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            int words = 0;
            for (PlainWords.Chunk chunk : alternative.required()) {
                Query word = titleWord(field, chunk);
                if (word != null) {
                    all.add(word, Occur.MUST);
                    words++;
                }
            }
            if (words > 0) {
                anyField.add(all.build(), Occur.SHOULD);
                fields++;
            }
        }
        if (fields == 0) {
            return null;
        }
        BooleanQuery.Builder matching = new BooleanQuery.Builder().add(anyField.build(), Occur.MUST);
        for (PlainWords.Chunk chunk : alternative.excluded()) {
            for (String field : titleFields()) {
                Query word = titleWord(field, chunk);
                if (word != null) {
                    matching.add(word, Occur.MUST_NOT);
                }
            }
        }
        return matching.build();
    }

    private List<String> titleFields() {
        List<String> fields = new ArrayList<>(2);
        if (analysis.usesWords()) {
            fields.add(ArchiveFields.TITLE_WORDS);
        }
        if (analysis.usesBigrams()) {
            fields.add(ArchiveFields.TITLE);
        }
        return fields;
    }

    /** One plain word or phrase on one title field, analysed as the readable pass analyses it. */
    private Query titleWord(String field, PlainWords.Chunk chunk) {
        String text = chunk.text();
        Query query;
        if (chunk.quoted() || !containsCjk(text)) {
            query = words.createPhraseQuery(field, text);
        } else if (ArchiveAnalyzers.isWordField(field)) {
            query = wordGroups(analyzer, field, text);
        } else {
            query = words.createBooleanQuery(field, text, Occur.MUST);
        }
        return query == null ? null : plain(query, field);
    }

    private static void addShould(BooleanQuery.Builder builder, Query query, float boost) {
        if (query != null) {
            builder.add(boost == 1f ? query : new BoostQuery(query, boost), Occur.SHOULD);
        }
    }

    /**
     * {@code text} parsed for {@code field} and reduced to plain terms and phrases on that field; null
     * when nothing searchable is left. Whatever the syntax asks for beyond that (another field, a
     * pattern, a range, a boost) was already turned into words by {@link FieldParser}; should anything
     * else get through, or the syntax not parse at all, the text is searched as escaped words.
     */
    private Query parseField(String field, String text) {
        Query parsed = plainParse(field, text);
        if (parsed != UNUSABLE) {
            return parsed;
        }
        // Unbalanced quotes or brackets are typing slips, not a reason to refuse the search.
        parsed = plainParse(field, QueryParser.escape(text));
        return parsed == UNUSABLE ? null : parsed;
    }

    private static final Query UNUSABLE = new MatchNoDocsQuery("unusable syntax");

    private Query plainParse(String field, String text) {
        Query parsed;
        try {
            parsed = new FieldParser(field, analyzer).parse(text);
        } catch (ParseException | RuntimeException e) {
            // Too many clauses, a boost beyond float range and the like: never the caller's 500.
            return UNUSABLE;
        }
        if (parsed == null) {
            return null;
        }
        Query plain = plain(parsed, field);
        return plain == null ? UNUSABLE : plain;
    }

    /**
     * The query rebuilt from nothing but boolean combinations of terms and phrases on {@code field},
     * boosts dropped; null when it holds anything else.
     */
    static Query plain(Query query, String field) {
        if (query instanceof TermQuery term) {
            return field.equals(term.getTerm().field()) ? term : null;
        }
        if (query instanceof PhraseQuery phrase) {
            for (Term term : phrase.getTerms()) {
                if (!field.equals(term.field())) {
                    return null;
                }
            }
            return phrase.getSlop() == 0 ? phrase : null;
        }
        if (query instanceof BoostQuery boost) {
            return plain(boost.getQuery(), field);
        }
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder rebuilt = new BooleanQuery.Builder()
                    .setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            for (BooleanClause clause : bool.clauses()) {
                Query inner = plain(clause.getQuery(), field);
                if (inner == null) {
                    return null;
                }
                rebuilt.add(inner, clause.getOccur());
            }
            return rebuilt.build();
        }
        return null;
    }

    /**
     * The query without its top-level exclusions, which are moved to {@code exclusions}. Kept per
     * field, an excluded word would only be excluded from the field it was parsed for, and the
     * document would still match through another field.
     */
    private static Query required(Query query, List<Query> exclusions) {
        if (!(query instanceof BooleanQuery bool)) {
            return query;
        }
        BooleanQuery.Builder rest = new BooleanQuery.Builder()
                .setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
        int kept = 0;
        for (BooleanClause clause : bool.clauses()) {
            if (clause.getOccur() == Occur.MUST_NOT) {
                exclusions.add(clause.getQuery());
            } else {
                rest.add(clause);
                kept++;
            }
        }
        return kept == 0 ? null : rest.build();
    }

    static boolean containsCjk(String text) {
        return text.codePoints().anyMatch(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script == Character.UnicodeScript.HAN
                    || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.HANGUL;
        });
    }

    /**
     * Classic syntax (quotes, AND/OR, -exclusions, brackets), all terms required, one parser per
     * field. Nothing typed chooses what is searched: a field name is ignored (the text goes to this
     * parser's own field), and prefixes, wildcards, patterns, fuzzy terms and ranges are searched as
     * the words they contain. None of them would be safe or cheap: {@code *:*} matches everything,
     * an invalid pattern throws, and a pattern or range over identifiers spells values out.
     */
    private static final class FieldParser extends QueryParser {

        private static final String PATTERN_CHARACTERS = "*?.+|()[]{}^$\\~<>&#@\"/";

        FieldParser(String field, Analyzer analyzer) {
            super(field, analyzer);
            setDefaultOperator(QueryParser.AND_OPERATOR);
            setSplitOnWhitespace(true);
            setAutoGeneratePhraseQueries(false);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            return super.getFieldQuery(getField(), queryText, quoted);
        }

        /** A phrase with a slop ("a b"~3) is the phrase. */
        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            return getFieldQuery(getField(), queryText, true);
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                boolean endInclusive) throws ParseException {
            return words(part1, part2);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            return words(termStr);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            return words(termStr);
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            return words(termStr);
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            return words(termStr);
        }

        /** The words in what was typed as a pattern or range; wildcard and pattern characters separate them. */
        private Query words(String... parts) throws ParseException {
            StringBuilder text = new StringBuilder();
            for (String part : parts) {
                if (part != null) {
                    part.codePoints().map(c -> PATTERN_CHARACTERS.indexOf(c) >= 0 ? ' ' : c).forEach(text::appendCodePoint);
                    text.append(' ');
                }
            }
            String words = text.toString().strip();
            return words.isEmpty() ? null : getFieldQuery(getField(), words, false);
        }

        @Override
        protected Query newFieldQuery(Analyzer analyzer, String field, String queryText, boolean quoted)
                throws ParseException {
            if (quoted) {
                return super.newFieldQuery(analyzer, field, queryText, true);
            }
            if (!containsCjk(queryText)) {
                // CL-2025-000042 or e-mail: tokens of one Latin chunk belong together, in order.
                return super.newFieldQuery(analyzer, field, queryText, true);
            }
            if (ArchiveAnalyzers.isWordField(field)) {
                return wordGroups(analyzer, field, queryText);
            }
            return super.newFieldQuery(analyzer, field, queryText, false);
        }
    }

    /**
     * Unquoted Chinese on the word field. SmartChineseAnalyzer emits single characters for words
     * it does not know, so 张伟 becomes 张 + 伟; required separately they would match any document
     * containing both characters anywhere. Runs touching a single-character token are therefore
     * kept together as phrases, and only dictionary words standing next to each other (交通 事故)
     * may match apart.
     */
    private static Query wordGroups(Analyzer analyzer, String field, String text) {
        List<List<PositionedTerm>> groups = new ArrayList<>();
        List<PositionedTerm> current = new ArrayList<>();
        PositionedTerm previous = null;
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += Math.max(1, increment.getPositionIncrement());
                PositionedTerm token = new PositionedTerm(term.toString(), position);
                boolean glued = previous != null
                        && token.position() == previous.position() + 1
                        && (token.isSingleCharacter() || previous.isSingleCharacter());
                if (!glued && !current.isEmpty()) {
                    groups.add(current);
                    current = new ArrayList<>();
                }
                current.add(token);
                previous = token;
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        if (groups.isEmpty()) {
            return null;
        }
        if (groups.size() == 1) {
            return groupQuery(field, groups.get(0));
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (List<PositionedTerm> group : groups) {
            all.add(new BooleanClause(groupQuery(field, group), Occur.MUST));
        }
        return all.build();
    }

    private static Query groupQuery(String field, List<PositionedTerm> group) {
        if (group.size() == 1) {
            return new TermQuery(new Term(field, group.get(0).text()));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        int first = group.get(0).position();
        for (PositionedTerm token : group) {
            phrase.add(new Term(field, token.text()), token.position() - first);
        }
        return phrase.build();
    }

    private record PositionedTerm(String text, int position) {
        boolean isSingleCharacter() {
            return text.codePointCount(0, text.length()) == 1;
        }
    }
}

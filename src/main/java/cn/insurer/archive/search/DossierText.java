package cn.insurer.archive.search;

import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanFirstQuery;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;

/**
 * A dossier record's text lives in fields of its own, apart from its items' text.
 *
 * <p>BM25 weighs a word by how many documents of a field hold it and normalises by the field's
 * average length. A dossier record is a title and a few numbers and names; kept in the items'
 * fields, one record per item halved their average length and made every page look long: with one
 * page to a dossier the known-item test lost 0.678 to 0.666 MRR@10 on corpus A. The queries are
 * written once, for the items' fields, and {@link #bothKinds} runs each also on the dossiers' fields.
 */
final class DossierText {

    /** The dossier record's text as CJK bigrams, stored with offsets for highlighting. */
    static final String CONTENT = "dossier.content";
    /** The dossier record's text segmented into Chinese words. */
    static final String CONTENT_WORDS = "dossier.content.words";

    private static final Map<String, String> RECORD_FIELD = Map.of(
            ArchiveFields.CONTENT, CONTENT,
            ArchiveFields.CONTENT_WORDS, CONTENT_WORDS);

    private DossierText() {
    }

    /** The field a dossier record keeps the text of an item field in; other fields are shared. */
    static String recordField(String itemField) {
        return RECORD_FIELD.getOrDefault(itemField, itemField);
    }

    /**
     * {@code itemQuery} for items, and the same query on the dossier record's fields for dossiers.
     * Each document holds the text fields of its kind only, so each is scored once, by the
     * statistics of its own kind; a query matching everything but some words (-定损) is confined to
     * each kind, lest a dossier that has the word pass the items' side for lacking their fields.
     */
    static Query bothKinds(Query itemQuery) {
        if (itemQuery instanceof MatchAllDocsQuery || itemQuery instanceof MatchNoDocsQuery) {
            return itemQuery;
        }
        return new BooleanQuery.Builder()
                .add(rewrite(itemQuery, false), Occur.SHOULD)
                .add(rewrite(itemQuery, true), Occur.SHOULD)
                .build();
    }

    private static Query rewrite(Query query, boolean dossier) {
        if (query instanceof TermQuery term) {
            return new TermQuery(term(term.getTerm(), dossier));
        }
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder copy = new BooleanQuery.Builder()
                    .setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            for (BooleanClause clause : bool.clauses()) {
                copy.add(rewrite(clause.getQuery(), dossier), clause.getOccur());
            }
            return copy.build();
        }
        if (query instanceof BoostQuery boost) {
            return new BoostQuery(rewrite(boost.getQuery(), dossier), boost.getBoost());
        }
        if (query instanceof ConstantScoreQuery constant) {
            return new ConstantScoreQuery(rewrite(constant.getQuery(), dossier));
        }
        if (query instanceof PhraseQuery phrase) {
            PhraseQuery.Builder copy = new PhraseQuery.Builder().setSlop(phrase.getSlop());
            Term[] terms = phrase.getTerms();
            int[] positions = phrase.getPositions();
            for (int i = 0; i < terms.length; i++) {
                copy.add(term(terms[i], dossier), positions[i]);
            }
            return copy.build();
        }
        if (query instanceof MultiPhraseQuery multi) {
            MultiPhraseQuery.Builder copy = new MultiPhraseQuery.Builder().setSlop(multi.getSlop());
            Term[][] terms = multi.getTermArrays();
            int[] positions = multi.getPositions();
            for (int i = 0; i < terms.length; i++) {
                Term[] alternatives = new Term[terms[i].length];
                for (int j = 0; j < alternatives.length; j++) {
                    alternatives[j] = term(terms[i][j], dossier);
                }
                copy.add(alternatives, positions[i]);
            }
            return copy.build();
        }
        if (query instanceof SynonymQuery synonyms) {
            if (synonyms.getTerms().isEmpty()) {
                return synonyms;
            }
            SynonymQuery.Builder copy = new SynonymQuery.Builder(field(synonyms.getField(), dossier));
            synonyms.getTerms().forEach(term -> copy.addTerm(term(term, dossier)));
            return copy.build();
        }
        if (query instanceof SpanQuery span) {
            return span(span, dossier);
        }
        if (query instanceof OwnSimilarity own) {
            return new OwnSimilarity(rewrite(own.query(), dossier), own.similarity());
        }
        if (query instanceof MatchAllDocsQuery) {
            return new TermQuery(new Term(ArchiveFields.KIND, dossier ? ArchiveFields.KIND_DOSSIER : ArchiveFields.KIND_ITEM));
        }
        if (query instanceof MatchNoDocsQuery) {
            return query;
        }
        throw new IllegalArgumentException("no dossier form for " + query.getClass().getSimpleName());
    }

    private static SpanQuery span(SpanQuery query, boolean dossier) {
        if (query instanceof SpanTermQuery term) {
            return new SpanTermQuery(term(term.getTerm(), dossier));
        }
        if (query instanceof SpanFirstQuery first) {
            return new SpanFirstQuery(span(first.getMatch(), dossier), first.getEnd());
        }
        if (query instanceof SpanNearQuery near) {
            SpanQuery[] clauses = near.getClauses();
            SpanQuery[] copies = new SpanQuery[clauses.length];
            for (int i = 0; i < clauses.length; i++) {
                copies[i] = span(clauses[i], dossier);
            }
            return new SpanNearQuery(copies, near.getSlop(), near.isInOrder());
        }
        throw new IllegalArgumentException("no dossier form for " + query.getClass().getSimpleName());
    }

    private static Term term(Term term, boolean dossier) {
        return dossier ? new Term(recordField(term.field()), term.bytes()) : term;
    }

    private static String field(String field, boolean dossier) {
        return dossier ? recordField(field) : field;
    }
}

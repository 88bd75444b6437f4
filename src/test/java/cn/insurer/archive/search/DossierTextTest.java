package cn.insurer.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanFirstQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;

class DossierTextTest {

    private static final Term WORD = new Term(ArchiveFields.CONTENT_WORDS, "定损");
    private static final Term PAIR = new Term(ArchiveFields.CONTENT, "定损");

    @Test
    void theDossierSideAsksTheRecordFieldsAndSharedFieldsAsTheyAre() {
        Query items = new BooleanQuery.Builder()
                .add(new TermQuery(WORD), Occur.MUST)
                .add(new BoostQuery(new PhraseQuery(ArchiveFields.CONTENT, "定损", "损单"), 0.5f), Occur.SHOULD)
                .add(new SpanFirstQuery(new SpanTermQuery(WORD), 150), Occur.SHOULD)
                .add(new TermQuery(new Term(ArchiveFields.TITLE_WORDS, "定损")), Occur.SHOULD)
                .add(new TermQuery(new Term(ArchiveFields.IDENTIFIER, "cl-2025-000042")), Occur.SHOULD)
                .build();
        BooleanQuery both = (BooleanQuery) DossierText.bothKinds(new ConstantScoreQuery(items));

        assertEquals(2, both.clauses().size());
        assertEquals(Set.of(WORD, PAIR, new Term(ArchiveFields.CONTENT, "损单"), new Term(ArchiveFields.TITLE_WORDS, "定损"),
                        new Term(ArchiveFields.IDENTIFIER, "cl-2025-000042")),
                terms(both.clauses().get(0).getQuery()));
        assertEquals(Set.of(new Term(DossierText.CONTENT_WORDS, "定损"), new Term(DossierText.CONTENT, "定损"),
                        new Term(DossierText.CONTENT, "损单"), new Term(ArchiveFields.TITLE_WORDS, "定损"),
                        new Term(ArchiveFields.IDENTIFIER, "cl-2025-000042")),
                terms(both.clauses().get(1).getQuery()));
    }

    @Test
    void everythingButAWordStaysWithinEachKind() {
        Query items = new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), Occur.MUST)
                .add(new TermQuery(WORD), Occur.MUST_NOT)
                .build();
        BooleanQuery both = (BooleanQuery) DossierText.bothKinds(items);

        assertEquals(Set.of(new Term(ArchiveFields.KIND, ArchiveFields.KIND_ITEM), WORD), terms(both.clauses().get(0).getQuery()));
        assertEquals(Set.of(new Term(ArchiveFields.KIND, ArchiveFields.KIND_DOSSIER), new Term(DossierText.CONTENT_WORDS, "定损")),
                terms(both.clauses().get(1).getQuery()));
    }

    @Test
    void matchingEverythingIsLeftAlone() {
        Query all = new MatchAllDocsQuery();
        assertSame(all, DossierText.bothKinds(all));
    }

    @Test
    void aQueryWithoutADossierFormIsRefusedRatherThanMissingDossiers() {
        assertThrows(IllegalArgumentException.class,
                () -> DossierText.bothKinds(new PrefixQuery(new Term(ArchiveFields.CONTENT, "定"))));
    }

    private static Set<Term> terms(Query query) {
        Set<Term> terms = new HashSet<>();
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query leaf, Term... found) {
                terms.addAll(Set.of(found));
            }

            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                return this;
            }
        });
        return terms;
    }
}

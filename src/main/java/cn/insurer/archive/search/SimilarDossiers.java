package cn.insurer.archive.search;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/** Finds dossiers resembling a given one with Lucene's MoreLikeThis over the segmented words. */
final class SimilarDossiers {

    private static final int MAX_QUERY_TERMS = 25;
    /** Single characters say little about a Chinese document's subject. */
    private static final int MIN_WORD_LENGTH = 2;
    /** A word found in only one document cannot connect two dossiers. */
    private static final int MIN_DOC_FREQ = 2;
    /** Several items of one dossier usually match; read enough documents to fill the page with dossiers. */
    private static final int DOCS_PER_DOSSIER = 10;
    private static final int MAX_SOURCE_CHARS = 200_000;

    private final Analyzer analyzer;

    SimilarDossiers(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * @param within the documents the caller may read, or null for all. The source text, and with it
     *               the "like this" query and the shared words, is drawn only from the source
     *               dossier's documents within it; so are the hits.
     */
    SimilarResult find(IndexSearcher searcher, UUID dossierId, int size, Query within) throws IOException {
        Term dossierTerm = new Term(ArchiveFields.DOSSIER_ID, dossierId.toString());
        String source = sourceText(searcher, confined(new TermQuery(dossierTerm), within));
        if (source.isBlank()) {
            return new SimilarResult(List.of(), List.of());
        }
        MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
        mlt.setAnalyzer(analyzer);
        mlt.setFieldNames(new String[] {ArchiveFields.CONTENT_WORDS});
        mlt.setMinTermFreq(1);
        mlt.setMinDocFreq(MIN_DOC_FREQ);
        mlt.setMinWordLen(MIN_WORD_LENGTH);
        mlt.setMaxQueryTerms(MAX_QUERY_TERMS);
        Query like = mlt.like(ArchiveFields.CONTENT_WORDS, new StringReader(source));
        if (like instanceof BooleanQuery bool && bool.clauses().isEmpty()) {
            return new SimilarResult(List.of(), List.of());
        }
        BooleanQuery.Builder candidates = new BooleanQuery.Builder()
                .add(DossierText.bothKinds(like), Occur.MUST)
                .add(new TermQuery(dossierTerm), Occur.MUST_NOT);
        if (within != null) {
            candidates.add(within, Occur.FILTER);
        }
        Query others = candidates.build();
        TopDocs top = searcher.search(others, size * DOCS_PER_DOSSIER);
        Set<UUID> seen = new LinkedHashSet<>();
        List<Hit> hits = new ArrayList<>(size);
        for (Hit hit : HitFields.read(searcher.getIndexReader(), top.scoreDocs)) {
            if (seen.add(hit.dossierId())) {
                hits.add(hit);
                if (hits.size() == size) {
                    break;
                }
            }
        }
        List<String> terms = List.of(mlt.retrieveInterestingTerms(new StringReader(source), ArchiveFields.CONTENT_WORDS));
        return new SimilarResult(hits, shared(searcher, terms, seen, within));
    }

    /**
     * The words among {@code terms} that the shown dossiers have in documents within the scope: the
     * words that connect them. Which words are picked depends on how many documents of the whole
     * index hold them; a word only unreadable documents share is therefore never shown.
     */
    private static List<String> shared(IndexSearcher searcher, List<String> terms, Set<UUID> dossiers, Query within)
            throws IOException {
        if (dossiers.isEmpty()) {
            return List.of();
        }
        Query shown = confined(new TermInSetQuery(ArchiveFields.DOSSIER_ID,
                dossiers.stream().map(id -> new BytesRef(id.toString())).toList()), within);
        List<String> shared = new ArrayList<>();
        for (String term : terms) {
            Query having = new BooleanQuery.Builder()
                    .add(DossierText.bothKinds(new TermQuery(new Term(ArchiveFields.CONTENT_WORDS, term))), Occur.FILTER)
                    .add(shown, Occur.FILTER)
                    .build();
            if (searcher.count(having) > 0) {
                shared.add(term);
            }
        }
        return shared;
    }

    private static Query confined(Query query, Query within) {
        return within == null ? query
                : new BooleanQuery.Builder().add(query, Occur.FILTER).add(within, Occur.FILTER).build();
    }

    /** The title of the dossier and the titles and texts of its items, as one text. */
    private static String sourceText(IndexSearcher searcher, Query dossier) throws IOException {
        int count = searcher.count(dossier);
        if (count == 0) {
            return "";
        }
        TopDocs docs = searcher.search(dossier, count);
        StoredFields stored = searcher.storedFields();
        StringBuilder text = new StringBuilder();
        for (ScoreDoc scoreDoc : docs.scoreDocs) {
            Document doc = stored.document(scoreDoc.doc, Set.of(ArchiveFields.CONTENT, DossierText.CONTENT, ArchiveFields.KIND));
            String kind = doc.get(ArchiveFields.KIND);
            IndexableField[] values = doc.getFields(ArchiveFields.KIND_DOSSIER.equals(kind) ? DossierText.CONTENT : ArchiveFields.CONTENT);
            int subject = Math.min(values.length, DocumentMapper.subjectValues(kind));
            for (int i = 0; i < subject && text.length() < MAX_SOURCE_CHARS; i++) {
                text.append(values[i].stringValue()).append('\n');
            }
        }
        return text.toString();
    }
}

package cn.insurer.archive.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Runs searches against an {@link ArchiveIndex}. Access control stays with the caller: hits carry
 * the fields an access decision needs, and text is only highlighted for hits the caller allows,
 * so the content of documents a user may not read never leaves the index.
 */
public final class ArchiveSearcher {

    private final ArchiveIndex index;
    private final UserQueryParser parser;
    private final HitHighlighter highlighter;
    private final SimilarDossiers similar;
    private final Ranking ranking;
    private final FacetLabels facetLabels = new FacetLabels();
    private final ScopeCache scopes = new ScopeCache();

    public ArchiveSearcher(ArchiveIndex index) {
        this(index, Ranking.SHIPPED);
    }

    ArchiveSearcher(ArchiveIndex index, Ranking ranking) {
        this.index = index;
        this.ranking = ranking;
        this.parser = new UserQueryParser(index.analyzers());
        this.highlighter = new HitHighlighter(index.analyzers().perField());
        this.similar = new SimilarDossiers(index.analyzers().perField());
    }

    /** Searches without highlighting. */
    public SearchResult search(SearchRequest request) throws IOException {
        return search(request, hit -> false);
    }

    /**
     * Searches, highlighting only the hits {@code highlightAllowed} accepts; hits it rejects are
     * returned with no highlights and their text is not read.
     */
    public SearchResult search(SearchRequest request, Predicate<Hit> highlightAllowed) throws IOException {
        return search(request, null, highlightAllowed);
    }

    /**
     * As {@link #search(SearchRequest, Predicate)}, confined to a reading scope: totals and facets
     * count nothing else. Documents with every word rank first, those with enough of them below
     * ({@link Ranking}).
     */
    public SearchResult search(SearchRequest request, ReadingScope scope, Predicate<Hit> highlightAllowed) throws IOException {
        try {
            return run(request, scope, highlightAllowed);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new QueryTooComplexException(e);
        }
    }

    private SearchResult run(SearchRequest request, ReadingScope scope, Predicate<Hit> highlightAllowed) throws IOException {
        UserQueryParser.Text typed = parser.text(request.q());
        Query every = parser.parse(typed);
        Query some = ranking.some(parser, typed);
        IndexSearcher searcher = index.acquire();
        try {
            Collected collected;
            if (some == null || request.everyWord()) {
                collected = collect(searcher, every, request, scope);
            } else if (ranking.restBelow()) {
                collected = collect(searcher, Ranking.tiered(ranking.every(parser, typed, every), some), request, scope);
            } else {
                collected = collect(searcher, every, request, scope);
                if (collected.counts().total() == 0) {
                    collected = collect(searcher, Ranking.tiered(ranking.every(parser, typed, every), some), request, scope);
                }
            }
            TopFieldDocs docs = collected.docs();
            int window = request.offset() + request.size();
            ScoreDoc[] page = docs.scoreDocs.length <= request.offset() || request.size() == 0
                    ? new ScoreDoc[0]
                    : Arrays.copyOfRange(docs.scoreDocs, request.offset(), Math.min(window, docs.scoreDocs.length));
            scores(page, searcher, collected.query(), request.sort());
            List<Hit> hits = hits(searcher, page);
            Query marked = parser.parseHighlight(typed);
            if (marked != null) {
                hits = highlight(searcher, DossierText.bothKinds(marked), page, hits, highlightAllowed);
            }
            return new SearchResult(collected.counts().total(), hits, collected.counts().facets());
        } finally {
            index.release(searcher);
        }
    }

    private record Collected(Query query, TopFieldDocs docs, FacetCounter.Counts counts) {
    }

    /**
     * One pass over the matches collects the page and counts them and their facet values. Every
     * match is scored, but confined to a reading scope a search meets a tenth of the text's
     * matches, and a second pass would look up every term in every segment again: at a million
     * items one pass was faster than a count without scores followed by a pass for the page.
     */
    private Collected collect(IndexSearcher searcher, Query text, SearchRequest request, ReadingScope scope)
            throws IOException {
        Query query = withFilters(DossierText.bothKinds(text), request);
        if (scope != null) {
            query = scope.confine(new ScopedQuery(query, scope.standing(), scope.lent(), true, scopes));
        }
        int window = Math.max(1, request.offset() + request.size());
        Object[] both = searcher.search(query, new MultiCollectorManager(new FacetCounter(facetLabels),
                new TopFieldCollectorManager(sort(request.sort()), window, null, window)));
        return new Collected(query, (TopFieldDocs) both[1], (FacetCounter.Counts) both[0]);
    }

    /**
     * Dossiers whose items and title resemble those of {@code dossierId}, excluding that dossier;
     * at most {@code size}, each represented by its best-matching document.
     */
    public SimilarResult similar(UUID dossierId, int size) throws IOException {
        return similar(dossierId, size, null);
    }

    /** As {@link #similar(UUID, int)}, among the documents of the given reading scope only. */
    public SimilarResult similar(UUID dossierId, int size, ReadingScope scope) throws IOException {
        if (size < 1 || size > SearchRequest.MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + SearchRequest.MAX_SIZE);
        }
        IndexSearcher searcher = index.acquire();
        try {
            return similar.find(searcher, dossierId, size, scope == null ? null : scope.filter());
        } finally {
            index.release(searcher);
        }
    }

    /**
     * Dossiers outside the caller's reading scope whose title matches {@code q}, for hits shown as
     * "exists, request a loan". Only the plain words of {@code q} are matched, against dossier titles
     * alone (see {@link UserQueryParser#parseTitle(String)}), so a match never reveals more than the
     * title the caller is shown; an empty query finds nothing.
     */
    public SearchResult restrictedTitles(String q, ReadingScope scope, int offset, int size) throws IOException {
        try {
            return titlesOutside(q, scope, offset, size);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new QueryTooComplexException(e);
        }
    }

    private SearchResult titlesOutside(String q, ReadingScope scope, int offset, int size) throws IOException {
        Query query = new BooleanQuery.Builder()
                .add(parser.parseTitle(q), Occur.MUST)
                .add(new TermQuery(new Term(ArchiveFields.KIND, ArchiveFields.KIND_DOSSIER)), Occur.FILTER)
                .build();
        if (scope != null) {
            query = scope.confine(new ScopedQuery(query, scope.standing(), scope.lent(), false, scopes));
        }
        IndexSearcher searcher = index.acquire();
        try {
            Query built = searcher.rewrite(query);
            int total = searcher.count(built);
            if (size == 0 || total <= offset) {
                // The readable hits fill the page, or the page lies past these: only the count is shown.
                return new SearchResult(total, List.of(), java.util.Map.of());
            }
            int window = offset + size;
            TopFieldDocs docs = searcher.search(built, new TopFieldCollectorManager(sort(SearchRequest.Order.RELEVANCE),
                    window, null, window));
            ScoreDoc[] page = docs.scoreDocs.length <= offset ? new ScoreDoc[0]
                    : Arrays.copyOfRange(docs.scoreDocs, offset, Math.min(window, docs.scoreDocs.length));
            scores(page, searcher, built, SearchRequest.Order.RELEVANCE);
            return new SearchResult(total, hits(searcher, page), java.util.Map.of());
        } finally {
            index.release(searcher);
        }
    }

    /**
     * What a caller may read, as the index sees it: documents at one of {@code levels} and, unless
     * {@code departments} is empty (meaning all), in one of {@code departments}; and besides, what
     * loans open: whole dossiers, and single items with their dossier's own entry. The dossiers
     * {@code withheld} are left out whatever the rest says, inside the scope and outside it: their
     * documents in the index may no longer say who reads them ({@link SearchIndex#unsearchedChanges}).
     */
    public record ReadingScope(Set<String> levels, Set<String> departments, Set<String> lentDossiers,
                               Set<String> lentItemDossiers, Set<String> lentItems, java.time.LocalDate today,
                               Set<String> withheld) {

        public ReadingScope(Set<String> levels, Set<String> departments, Set<String> lentDossiers,
                            Set<String> lentItemDossiers, Set<String> lentItems, java.time.LocalDate today) {
            this(levels, departments, lentDossiers, lentItemDossiers, lentItems, today, Set.of());
        }

        public ReadingScope(Set<String> levels, Set<String> departments, java.time.LocalDate today) {
            this(levels, departments, Set.of(), Set.of(), Set.of(), today);
        }

        /** The same scope, leaving out the documents of {@code dossierIds} besides. */
        public ReadingScope withholding(Set<String> dossierIds) {
            return new ReadingScope(levels, departments, lentDossiers, lentItemDossiers, lentItems, today,
                    Set.copyOf(dossierIds));
        }

        Query filter() {
            Query lent = lent();
            Query readable = lent == null ? standing()
                    : new BooleanQuery.Builder().add(standing(), Occur.SHOULD).add(lent, Occur.SHOULD).build();
            return new org.apache.lucene.search.ConstantScoreQuery(confine(readable));
        }

        /** {@code query} without the documents of withheld dossiers. */
        Query confine(Query query) {
            if (withheld.isEmpty()) {
                return query;
            }
            return new BooleanQuery.Builder().add(query, Occur.MUST)
                    .add(terms(ArchiveFields.DOSSIER_ID, withheld), Occur.MUST_NOT).build();
        }

        /** What clearance and department let the user read; the same for everyone of that standing. */
        Query standing() {
            BooleanQuery.Builder standing = new BooleanQuery.Builder();
            standing.add(terms(ArchiveFields.SECURITY_LEVEL, levels), Occur.FILTER);
            // Personal data past its purpose opens only through a loan, whatever the reader's standing.
            standing.add(LongPoint.newRangeQuery(ArchiveFields.LOAN_ONLY_FROM, Long.MIN_VALUE,
                    today.toEpochDay()), Occur.MUST_NOT);
            if (!departments.isEmpty()) {
                standing.add(terms(ArchiveFields.DEPARTMENT, departments), Occur.FILTER);
            }
            return standing.build();
        }

        /** What the user's loans open besides: whole dossiers, and single items with their dossier's own entry; null for none. */
        Query lent() {
            BooleanQuery.Builder readable = new BooleanQuery.Builder();
            if (!lentDossiers.isEmpty()) {
                readable.add(terms(ArchiveFields.DOSSIER_ID, lentDossiers), Occur.SHOULD);
            }
            if (!lentItemDossiers.isEmpty()) {
                readable.add(new BooleanQuery.Builder()
                        .add(terms(ArchiveFields.DOSSIER_ID, lentItemDossiers), Occur.FILTER)
                        .add(new TermQuery(new Term(ArchiveFields.KIND, ArchiveFields.KIND_DOSSIER)), Occur.FILTER)
                        .build(), Occur.SHOULD);
            }
            if (!lentItems.isEmpty()) {
                readable.add(terms(ArchiveFields.ID, lentItems), Occur.SHOULD);
            }
            BooleanQuery built = readable.build();
            return built.clauses().isEmpty() ? null : built;
        }

        private static Query terms(String field, Set<String> values) {
            return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
        }
    }

    private static Query withFilters(Query text, SearchRequest request) {
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(text, Occur.MUST);
        anyOf(query, ArchiveFields.TYPE, request.types());
        anyOf(query, ArchiveFields.PRODUCT_LINE, request.productLines());
        anyOf(query, ArchiveFields.DEPARTMENT, request.departments());
        anyOf(query, ArchiveFields.SECURITY_LEVEL, request.securityLevels());
        if (request.from() != null || request.to() != null) {
            long from = request.from() == null ? Long.MIN_VALUE : request.from().toEpochDay();
            long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochDay();
            query.add(LongPoint.newRangeQuery(ArchiveFields.DATE, from, to), Occur.FILTER);
        }
        return query.build();
    }

    private static void anyOf(BooleanQuery.Builder query, String field, Set<String> values) {
        if (!values.isEmpty()) {
            List<BytesRef> terms = values.stream().map(BytesRef::new).toList();
            query.add(new TermInSetQuery(field, terms), Occur.FILTER);
        }
    }

    /** The id breaks ties, so equal scores or dates page the same way every time. */
    private static Sort sort(SearchRequest.Order order) {
        SortField id = new SortField(ArchiveFields.ID, SortField.Type.STRING);
        if (order == SearchRequest.Order.DATE_DESC) {
            SortField date = new SortField(ArchiveFields.DATE, SortField.Type.LONG, true);
            date.setMissingValue(Long.MIN_VALUE);
            return new Sort(date, id);
        }
        return new Sort(SortField.FIELD_SCORE, id);
    }

    /** Sorted collection leaves {@link ScoreDoc#score} unset; relevance order keeps it as a sort value. */
    private static void scores(ScoreDoc[] page, IndexSearcher searcher, Query query, SearchRequest.Order order)
            throws IOException {
        if (order == SearchRequest.Order.RELEVANCE) {
            for (ScoreDoc doc : page) {
                doc.score = (Float) ((FieldDoc) doc).fields[0];
            }
        } else {
            TopFieldCollector.populateScores(page, searcher, query);
        }
    }

    private static List<Hit> hits(IndexSearcher searcher, ScoreDoc[] page) throws IOException {
        return HitFields.read(searcher.getIndexReader(), page);
    }

    private List<Hit> highlight(IndexSearcher searcher, Query text, ScoreDoc[] page, List<Hit> hits,
            Predicate<Hit> allowed) throws IOException {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            if (allowed.test(hits.get(i))) {
                positions.add(i);
            }
        }
        int[] docIds = positions.stream().mapToInt(i -> page[i].doc).toArray();
        List<List<String>> fragments = highlighter.highlight(searcher, text, docIds);
        List<Hit> result = new ArrayList<>(hits);
        for (int i = 0; i < positions.size(); i++) {
            int position = positions.get(i);
            result.set(position, hits.get(position).withHighlights(fragments.get(i)));
        }
        return result;
    }

}

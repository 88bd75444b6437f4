package cn.insurer.archive.search;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * A query confined to the documents inside a reading scope, or to those outside it.
 *
 * <p>Inside, the query is run over the spans of the scope ({@link ScopeDocs}) with every other
 * document rejected by one bit test, rather than intersected with the scope's level and
 * department terms match by match: the postings outside the spans are skipped, and the query's
 * own bulk scoring (windows of a disjunction, skipping of non-competitive blocks) is kept.
 * The scores are those of the query.
 */
final class ScopedQuery extends Query {

    private final Query query;
    private final Query standing;
    private final Query lent;
    private final boolean inside;
    private final ScopeCache cache;

    /**
     * @param standing what the user may read by clearance and department; cached per segment
     * @param lent     what the user's loans open besides, or null
     * @param inside   true for the documents in scope, false for those outside it
     */
    ScopedQuery(Query query, Query standing, Query lent, boolean inside, ScopeCache cache) {
        this.query = Objects.requireNonNull(query, "query");
        this.standing = Objects.requireNonNull(standing, "standing");
        this.lent = lent;
        this.inside = inside;
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = query.rewrite(searcher);
        return rewritten == query ? this : new ScopedQuery(rewritten, standing, lent, inside, cache);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight weight = searcher.createWeight(query, scoreMode, boost);
        return new Weight(this) {

            private ScopeDocs scope(LeafReaderContext segment) throws IOException {
                ScopeDocs docs = cache.of(searcher, standing, segment);
                return lent == null ? docs : docs.with(searcher, lent, segment);
            }

            @Override
            public Scorer scorer(LeafReaderContext segment) throws IOException {
                Scorer scorer = weight.scorer(segment);
                if (scorer == null) {
                    return null;
                }
                ScopeDocs docs = scope(segment);
                if (inside && docs.isEmpty()) {
                    return null;
                }
                DocIdSetIterator scoped = inside
                        ? new BitSetIterator(docs.bits(), docs.bits().approximateCardinality())
                        : outside(docs, segment.reader().maxDoc());
                return new Confined(this, scorer, ConjunctionUtils.intersectIterators(List.of(scorer.iterator(), scoped)));
            }

            @Override
            public BulkScorer bulkScorer(LeafReaderContext segment) throws IOException {
                BulkScorer scorer = weight.bulkScorer(segment);
                if (scorer == null) {
                    return null;
                }
                ScopeDocs docs = scope(segment);
                if (inside && docs.isEmpty()) {
                    return null;
                }
                // Outside the scope, matches may lie anywhere in the segment: one span covers it all.
                return inside ? new InSpans(scorer, docs.bits(), true, docs.starts(), docs.ends())
                        : new InSpans(scorer, docs.bits(), false, new int[] {0}, new int[] {segment.reader().maxDoc()});
            }

            @Override
            public Explanation explain(LeafReaderContext segment, int doc) throws IOException {
                if (scope(segment).bits().get(doc) != inside) {
                    return Explanation.noMatch(inside ? "outside the reading scope" : "inside the reading scope");
                }
                return weight.explain(segment, doc);
            }

            @Override
            public int count(LeafReaderContext segment) {
                return -1;
            }

            @Override
            public boolean isCacheable(LeafReaderContext segment) {
                // Cached per segment by ScopeCache already; the loans part must not outlive the search.
                return false;
            }
        };
    }

    private static DocIdSetIterator outside(ScopeDocs docs, int maxDoc) {
        org.apache.lucene.util.FixedBitSet complement = docs.bits().clone();
        complement.flip(0, maxDoc);
        return new BitSetIterator(complement, complement.approximateCardinality());
    }

    /** The query's bulk scoring, span by span, with documents on the wrong side of the scope rejected. */
    private static final class InSpans extends BulkScorer {
        private final BulkScorer in;
        private final Bits scope;
        private final boolean inside;
        private final int[] starts;
        private final int[] ends;

        InSpans(BulkScorer in, Bits scope, boolean inside, int[] starts, int[] ends) {
            this.in = in;
            this.scope = scope;
            this.inside = inside;
            this.starts = starts;
            this.ends = ends;
        }

        @Override
        public int score(LeafCollector collector, Bits acceptDocs, int min, int max) throws IOException {
            Bits accepted = both(acceptDocs, scope, inside);
            for (int span = 0; span < starts.length && starts[span] < max; span++) {
                int from = Math.max(min, starts[span]);
                int to = Math.min(max, ends[span]);
                if (from < to) {
                    in.score(collector, accepted, from, to);
                }
            }
            // No match lies between the last span and max; beyond max, the next span is the earliest.
            for (int span = 0; span < starts.length; span++) {
                if (ends[span] > max) {
                    return Math.max(max, starts[span]);
                }
            }
            return DocIdSetIterator.NO_MORE_DOCS;
        }

        @Override
        public long cost() {
            return in.cost();
        }
    }

    private static Bits both(Bits live, Bits scope, boolean inside) {
        return new Bits() {
            @Override
            public boolean get(int doc) {
                return scope.get(doc) == inside && (live == null || live.get(doc));
            }

            @Override
            public int length() {
                return scope.length();
            }
        };
    }

    /** The query's scorer, moved only to documents on the chosen side of the scope. */
    private static final class Confined extends Scorer {
        private final Scorer in;
        private final DocIdSetIterator matches;

        Confined(Weight weight, Scorer in, DocIdSetIterator matches) {
            super(weight);
            this.in = in;
            this.matches = matches;
        }

        @Override
        public int docID() {
            return matches.docID();
        }

        @Override
        public DocIdSetIterator iterator() {
            return matches;
        }

        @Override
        public float score() throws IOException {
            return in.score();
        }

        @Override
        public int advanceShallow(int target) throws IOException {
            return in.advanceShallow(target);
        }

        @Override
        public float getMaxScore(int upTo) throws IOException {
            return in.getMaxScore(upTo);
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        query.visit(visitor.getSubVisitor(org.apache.lucene.search.BooleanClause.Occur.MUST, this));
    }

    @Override
    public String toString(String field) {
        return (inside ? "inScope(" : "outOfScope(") + query.toString(field) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && query.equals(((ScopedQuery) other).query)
                && standing.equals(((ScopedQuery) other).standing)
                && Objects.equals(lent, ((ScopedQuery) other).lent)
                && inside == ((ScopedQuery) other).inside;
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), query, standing, lent, inside);
    }
}

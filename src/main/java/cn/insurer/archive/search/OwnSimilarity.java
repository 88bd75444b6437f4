package cn.insurer.archive.search;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.Similarity;

/**
 * A query scored by a similarity of its own rather than the searcher's: the opening of a text is
 * the same length in every text, so the words found there are not to be discounted for the length
 * of the whole text, as BM25 discounts them on the field they share with it.
 */
final class OwnSimilarity extends Query {

    private final Query query;
    private final Similarity similarity;

    OwnSimilarity(Query query, Similarity similarity) {
        this.query = Objects.requireNonNull(query);
        this.similarity = Objects.requireNonNull(similarity);
    }

    Query query() {
        return query;
    }

    Similarity similarity() {
        return similarity;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = query.rewrite(searcher);
        return rewritten == query ? super.rewrite(searcher) : new OwnSimilarity(rewritten, similarity);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        // Same reader, hence the same leaves the weight is later asked about; only the scoring differs.
        IndexSearcher own = new IndexSearcher(searcher.getIndexReader());
        own.setSimilarity(similarity);
        own.setQueryCache(null);
        return query.createWeight(own, scoreMode, boost);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        query.visit(visitor.getSubVisitor(org.apache.lucene.search.BooleanClause.Occur.MUST, this));
    }

    @Override
    public String toString(String field) {
        return "own(" + query.toString(field) + ", " + similarity + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && query.equals(((OwnSimilarity) other).query)
                && similarity.toString().equals(((OwnSimilarity) other).similarity.toString());
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + query.hashCode();
    }
}

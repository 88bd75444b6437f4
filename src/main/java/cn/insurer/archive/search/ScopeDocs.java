package cn.insurer.archive.search;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.FixedBitSet;

/**
 * The documents of one segment inside a reading scope: a bit per document, and the few spans of
 * document numbers that hold them all. The index is sorted by department, so a branch's readable
 * documents sit in one span, and a search confined to the scope reads the postings of that span
 * alone instead of testing every match in the segment.
 *
 * @param bits   the documents in scope
 * @param starts the first document of each span, ascending
 * @param ends   one past the last document of each span
 */
record ScopeDocs(FixedBitSet bits, int[] starts, int[] ends) {

    /**
     * Documents out of scope between two in scope, up to which one span covers both: reaching a
     * new span costs a skip in every postings list of the query, testing a bit costs next to nothing.
     */
    static final int MERGED_GAP = 4096;

    /** The documents of the segment that {@code filter} matches. */
    static ScopeDocs of(IndexSearcher searcher, Query filter, LeafReaderContext segment) throws IOException {
        FixedBitSet bits = new FixedBitSet(segment.reader().maxDoc());
        or(bits, searcher, filter, segment);
        return spans(bits);
    }

    /**
     * These documents and those {@code more} matches, which are few (a user's loans): each joins
     * the nearest span or makes its own. This one is left as it was.
     */
    ScopeDocs with(IndexSearcher searcher, Query more, LeafReaderContext segment) throws IOException {
        FixedBitSet added = new FixedBitSet(bits.length());
        return or(added, searcher, more, segment) ? with(added) : this;
    }

    /** These documents and the few documents in {@code added}, which is not kept. */
    ScopeDocs with(FixedBitSet added) {
        FixedBitSet union = bits.clone();
        union.or(added);
        int[] mergedStarts = new int[starts.length + 8];
        int[] mergedEnds = new int[starts.length + 8];
        int count = 0;
        int span = 0;
        int doc = added.nextSetBit(0);
        while (span < starts.length || doc != DocIdSetIterator.NO_MORE_DOCS) {
            int start;
            int end;
            if (doc == DocIdSetIterator.NO_MORE_DOCS || (span < starts.length && starts[span] <= doc)) {
                start = starts[span];
                end = ends[span];
                span++;
            } else {
                start = doc;
                end = doc + 1;
                doc = end >= added.length() ? DocIdSetIterator.NO_MORE_DOCS : added.nextSetBit(end);
            }
            if (count > 0 && start - mergedEnds[count - 1] <= MERGED_GAP) {
                mergedEnds[count - 1] = Math.max(mergedEnds[count - 1], end);
            } else {
                if (count == mergedStarts.length) {
                    mergedStarts = java.util.Arrays.copyOf(mergedStarts, count * 2);
                    mergedEnds = java.util.Arrays.copyOf(mergedEnds, count * 2);
                }
                mergedStarts[count] = start;
                mergedEnds[count] = end;
                count++;
            }
        }
        return new ScopeDocs(union, java.util.Arrays.copyOf(mergedStarts, count), java.util.Arrays.copyOf(mergedEnds, count));
    }

    boolean isEmpty() {
        return starts.length == 0;
    }

    /** Sets the bits of the documents {@code filter} matches; false when it matches none. */
    private static boolean or(FixedBitSet bits, IndexSearcher searcher, Query filter, LeafReaderContext segment)
            throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        Scorer scorer = weight.scorer(segment);
        if (scorer == null) {
            return false;
        }
        DocIdSetIterator matches = scorer.iterator();
        boolean any = false;
        for (int doc = matches.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = matches.nextDoc()) {
            bits.set(doc);
            any = true;
        }
        return any;
    }

    /** The documents in {@code bits}, kept, in spans. */
    static ScopeDocs spans(FixedBitSet bits) {
        int maxDoc = bits.length();
        int[] starts = new int[8];
        int[] ends = new int[8];
        int count = 0;
        int doc = maxDoc == 0 ? DocIdSetIterator.NO_MORE_DOCS : bits.nextSetBit(0);
        while (doc != DocIdSetIterator.NO_MORE_DOCS) {
            int start = doc;
            int last = doc;
            while (true) {
                int next = last + 1 >= maxDoc ? DocIdSetIterator.NO_MORE_DOCS : bits.nextSetBit(last + 1);
                if (next == DocIdSetIterator.NO_MORE_DOCS || next - last > MERGED_GAP) {
                    doc = next;
                    break;
                }
                last = next;
            }
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count] = last + 1;
            count++;
        }
        return new ScopeDocs(bits, java.util.Arrays.copyOf(starts, count), java.util.Arrays.copyOf(ends, count));
    }
}

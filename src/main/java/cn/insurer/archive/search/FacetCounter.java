package cn.insurer.archive.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts the values of the facet fields, and the documents, over everything a search matches.
 *
 * <p>Counting happens while the search visits each match: one doc value per document holds the
 * values of every facet field together, so each match costs one lookup, counted by segment-local
 * ordinal; labels are looked up once per segment and combination. No set of matching documents
 * is built and walked again, and no ordinal map across segments is needed. It asks for no
 * scores, and collects beside the page's collector in the same pass.
 */
final class FacetCounter implements CollectorManager<FacetCounter.Counting, FacetCounter.Counts> {

    /** The facet fields, in the order their values are joined in {@link ArchiveFields#FACET_KEY}. */
    static final List<String> FIELDS = List.of(
            ArchiveFields.TYPE, ArchiveFields.PRODUCT_LINE, ArchiveFields.YEAR,
            ArchiveFields.DEPARTMENT, ArchiveFields.SECURITY_LEVEL);

    private final FacetLabels labels;

    FacetCounter(FacetLabels labels) {
        this.labels = labels;
    }

    /** The number of matches and, per facet field, how many of them carry each value. */
    record Counts(long total, Map<String, Map<String, Long>> facets) {
    }

    @Override
    public Counting newCollector() {
        return new Counting(labels);
    }

    @Override
    public Counts reduce(Collection<Counting> collectors) throws IOException {
        long total = 0;
        List<Map<String, Long>> byField = new ArrayList<>();
        FIELDS.forEach(field -> byField.add(new HashMap<>()));
        for (Counting counting : collectors) {
            counting.finishSegment();
            total += counting.total;
            for (int f = 0; f < FIELDS.size(); f++) {
                Map<String, Long> merged = byField.get(f);
                counting.byField.get(f).forEach((label, count) -> merged.merge(label, count, Long::sum));
            }
        }
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (int f = 0; f < FIELDS.size(); f++) {
            facets.put(FIELDS.get(f), mostFrequentFirst(byField.get(f)));
        }
        return new Counts(total, facets);
    }

    private static Map<String, Long> mostFrequentFirst(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** One search's counting; segments are visited one after the other. */
    static final class Counting extends SimpleCollector {

        private final FacetLabels labels;
        private final List<Map<String, Long>> byField = new ArrayList<>();
        private SortedDocValues keys;
        private FacetLabels.Segment segment;
        private int[] segmentCounts;
        private long total;

        Counting(FacetLabels labels) {
            this.labels = labels;
            FIELDS.forEach(field -> byField.add(new HashMap<>()));
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            finishSegment();
            keys = DocValues.getSorted(context.reader(), ArchiveFields.FACET_KEY);
            segment = labels.of(context.reader());
            segmentCounts = new int[keys.getValueCount()];
        }

        @Override
        public void setScorer(Scorable scorer) {
            // Counting needs no scores.
        }

        @Override
        public void collect(int doc) throws IOException {
            total++;
            if (keys.advanceExact(doc)) {
                segmentCounts[keys.ordValue()]++;
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        /**
         * Turns the last segment's counts per combination of values into counts per value, with
         * array arithmetic only; a segment holds a few thousand combinations at most.
         */
        private void finishSegment() {
            if (keys == null) {
                return;
            }
            for (int f = 0; f < FIELDS.size(); f++) {
                int[] labelOf = segment.labelOf()[f];
                long[] perLabel = new long[segment.labels()[f].length];
                for (int ord = 0; ord < segmentCounts.length; ord++) {
                    perLabel[labelOf[ord]] += segmentCounts[ord];
                }
                for (int label = 0; label < perLabel.length; label++) {
                    String value = segment.labels()[f][label];
                    if (perLabel[label] > 0 && !value.isEmpty()) {
                        byField.get(f).merge(value, perLabel[label], Long::sum);
                    }
                }
            }
            keys = null;
            segment = null;
            segmentCounts = null;
        }
    }
}

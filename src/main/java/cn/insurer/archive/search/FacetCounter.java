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
        private LeafReaderContext context;
        private SortedDocValues keys;
        /** Per ordinal of the segment being counted; kept for the next segment, cleared where it was used. */
        private int[] segmentCounts = new int[0];
        private int lowest = Integer.MAX_VALUE;
        private int highest = -1;
        private long total;

        Counting(FacetLabels labels) {
            this.labels = labels;
            FIELDS.forEach(field -> byField.add(new HashMap<>()));
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            finishSegment();
            // Doc values are opened at the segment's first match: a scope may have none in it.
            this.context = context;
        }

        @Override
        public void setScorer(Scorable scorer) {
            // Counting needs no scores.
        }

        @Override
        public void collect(int doc) throws IOException {
            total++;
            if (keys == null) {
                keys = DocValues.getSorted(context.reader(), ArchiveFields.FACET_KEY);
                if (segmentCounts.length < keys.getValueCount()) {
                    segmentCounts = new int[keys.getValueCount()];
                }
            }
            if (keys.advanceExact(doc)) {
                int ord = keys.ordValue();
                segmentCounts[ord]++;
                lowest = Math.min(lowest, ord);
                highest = Math.max(highest, ord);
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        /**
         * Turns the last segment's counts per combination of values into counts per value, with
         * array arithmetic over the combinations that occurred only; a segment holds a few
         * thousand combinations, of which a reading scope meets a fraction.
         */
        private void finishSegment() throws IOException {
            if (keys != null && highest >= 0) {
                FacetLabels.Segment segment = labels.of(context.reader());
                long[][] perLabel = new long[FIELDS.size()][];
                for (int f = 0; f < FIELDS.size(); f++) {
                    perLabel[f] = new long[segment.labels()[f].length];
                }
                int[][] labelOf = segment.labelOf();
                for (int ord = lowest; ord <= highest; ord++) {
                    int count = segmentCounts[ord];
                    if (count == 0) {
                        continue;
                    }
                    for (int f = 0; f < perLabel.length; f++) {
                        perLabel[f][labelOf[f][ord]] += count;
                    }
                }
                for (int f = 0; f < FIELDS.size(); f++) {
                    for (int label = 0; label < perLabel[f].length; label++) {
                        String value = segment.labels()[f][label];
                        if (perLabel[f][label] > 0 && !value.isEmpty()) {
                            byField.get(f).merge(value, perLabel[f][label], Long::sum);
                        }
                    }
                }
                java.util.Arrays.fill(segmentCounts, lowest, highest + 1, 0);
            }
            keys = null;
            context = null;
            lowest = Integer.MAX_VALUE;
            highest = -1;
        }
    }
}

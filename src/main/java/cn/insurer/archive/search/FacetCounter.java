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
 * <p>Counting happens while the search visits each match, by segment-local ordinal, and labels are
 * looked up once per segment and value: no set of matching documents is built and walked again,
 * and no ordinal map across segments is needed, since the facet fields have a few dozen values
 * at most. Scores are not asked for, so the search can skip scoring entirely.
 */
final class FacetCounter implements CollectorManager<FacetCounter.Counting, FacetCounter.Counts> {

    static final List<String> FIELDS = List.of(
            ArchiveFields.TYPE, ArchiveFields.PRODUCT_LINE, ArchiveFields.YEAR,
            ArchiveFields.DEPARTMENT, ArchiveFields.SECURITY_LEVEL);

    /** The number of matches and, per facet field, how many of them carry each value. */
    record Counts(long total, Map<String, Map<String, Long>> facets) {
    }

    @Override
    public Counting newCollector() {
        return new Counting();
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

        private final List<Map<String, Long>> byField = new ArrayList<>();
        private final SortedDocValues[] values = new SortedDocValues[FIELDS.size()];
        private final int[][] segmentCounts = new int[FIELDS.size()][];
        private long total;

        Counting() {
            FIELDS.forEach(field -> byField.add(new HashMap<>()));
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            finishSegment();
            for (int f = 0; f < FIELDS.size(); f++) {
                values[f] = DocValues.getSorted(context.reader(), FIELDS.get(f));
                segmentCounts[f] = new int[values[f].getValueCount()];
            }
        }

        @Override
        public void setScorer(Scorable scorer) {
            // Counting needs no scores.
        }

        @Override
        public void collect(int doc) throws IOException {
            total++;
            for (int f = 0; f < values.length; f++) {
                if (values[f].advanceExact(doc)) {
                    segmentCounts[f][values[f].ordValue()]++;
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        /** Turns the last segment's ordinal counts into labelled ones; labels differ by segment. */
        private void finishSegment() throws IOException {
            for (int f = 0; f < values.length; f++) {
                if (values[f] == null) {
                    continue;
                }
                int[] counts = segmentCounts[f];
                for (int ord = 0; ord < counts.length; ord++) {
                    if (counts[ord] > 0) {
                        byField.get(f).merge(values[f].lookupOrd(ord).utf8ToString(), (long) counts[ord], Long::sum);
                    }
                }
                values[f] = null;
                segmentCounts[f] = null;
            }
        }
    }
}

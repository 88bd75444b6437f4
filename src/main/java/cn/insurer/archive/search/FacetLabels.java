package cn.insurer.archive.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * The facet labels behind each ordinal of {@link ArchiveFields#FACET_KEY}, decoded once per
 * segment. Looking a joined key up and splitting it on every search cost a fifth of a search on
 * a million items: the terms dictionary decompresses a block for each lookup. Segments never
 * change, and the archive never updates doc values in place, so a segment's labels hold for as
 * long as its core is open; they are dropped when it closes.
 */
final class FacetLabels {

    /**
     * One segment's labels.
     *
     * @param labels  per facet field, its distinct values in the segment ("" for a missing value)
     * @param labelOf per facet field, the index into {@code labels} of each ordinal's value
     */
    record Segment(String[][] labels, int[][] labelOf) {
    }

    private final Map<IndexReader.CacheKey, Segment> bySegment = new ConcurrentHashMap<>();

    Segment of(LeafReader reader) throws IOException {
        IndexReader.CacheHelper core = reader.getCoreCacheHelper();
        if (core == null) {
            return decode(DocValues.getSorted(reader, ArchiveFields.FACET_KEY));
        }
        Segment known = bySegment.get(core.getKey());
        if (known != null) {
            return known;
        }
        Segment decoded = decode(DocValues.getSorted(reader, ArchiveFields.FACET_KEY));
        if (bySegment.putIfAbsent(core.getKey(), decoded) == null) {
            core.addClosedListener(bySegment::remove);
        }
        return decoded;
    }

    /** Reads the ordinals in order, which walks the terms dictionary once instead of seeking per ordinal. */
    private static Segment decode(SortedDocValues keys) throws IOException {
        int fields = FacetCounter.FIELDS.size();
        int[][] labelOf = new int[fields][keys.getValueCount()];
        List<Map<String, Integer>> indexes = new ArrayList<>(fields);
        for (int f = 0; f < fields; f++) {
            indexes.add(new HashMap<>());
        }
        TermsEnum terms = keys.termsEnum();
        int ord = 0;
        for (BytesRef term = terms.next(); term != null; term = terms.next(), ord++) {
            String key = term.utf8ToString();
            int start = 0;
            for (int f = 0; f < fields; f++) {
                int end = key.indexOf(ArchiveFields.FACET_SEPARATOR, start);
                String value = end < 0 ? key.substring(start) : key.substring(start, end);
                Map<String, Integer> index = indexes.get(f);
                labelOf[f][ord] = index.computeIfAbsent(value, v -> index.size());
                start = end < 0 ? key.length() : end + 1;
            }
        }
        String[][] labels = new String[fields][];
        for (int f = 0; f < fields; f++) {
            labels[f] = new String[indexes.get(f).size()];
            for (Map.Entry<String, Integer> entry : indexes.get(f).entrySet()) {
                labels[f][entry.getValue()] = entry.getKey();
            }
        }
        return new Segment(labels, labelOf);
    }
}

package cn.insurer.archive.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;

/** Counts values of the facet fields over all documents a search matched. */
final class FacetCounter {

    static final List<String> FIELDS = List.of(
            ArchiveFields.TYPE, ArchiveFields.PRODUCT_LINE, ArchiveFields.YEAR,
            ArchiveFields.DEPARTMENT, ArchiveFields.SECURITY_LEVEL);

    private static final Comparator<LabelAndValue> MOST_FREQUENT_FIRST =
            Comparator.<LabelAndValue>comparingLong(lv -> lv.value.longValue()).reversed()
                    .thenComparing(lv -> lv.label);

    /** Ordinal maps cost a pass over each field's terms, so they are built once per reader. */
    private final AtomicReference<ReaderStates> cached = new AtomicReference<>();

    Map<String, Map<String, Long>> count(IndexReader reader, FacetsCollector matches) throws IOException {
        Map<String, StringDocValuesReaderState> states = states(reader);
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String field : FIELDS) {
            facets.put(field, count(states.get(field), field, matches));
        }
        return facets;
    }

    private static Map<String, Long> count(StringDocValuesReaderState state, String field, FacetsCollector matches)
            throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (state == null) {
            return counts;
        }
        FacetResult result = new StringValueFacetCounts(state, matches).getAllChildren(field);
        if (result == null) {
            return counts;
        }
        List<LabelAndValue> values = new ArrayList<>(List.of(result.labelValues));
        values.sort(MOST_FREQUENT_FIRST);
        for (LabelAndValue value : values) {
            if (value.value.longValue() > 0) {
                counts.put(value.label, value.value.longValue());
            }
        }
        return counts;
    }

    private Map<String, StringDocValuesReaderState> states(IndexReader reader) throws IOException {
        ReaderStates current = cached.get();
        if (current != null && current.reader() == reader) {
            return current.states();
        }
        FieldInfos fieldInfos = FieldInfos.getMergedFieldInfos(reader);
        Map<String, StringDocValuesReaderState> states = new HashMap<>();
        for (String field : FIELDS) {
            FieldInfo info = fieldInfos.fieldInfo(field);
            // A field no document has yet (an empty index, say) has nothing to count.
            if (info != null && info.getDocValuesType() != DocValuesType.NONE) {
                states.put(field, new StringDocValuesReaderState(reader, field));
            }
        }
        cached.set(new ReaderStates(reader, states));
        return states;
    }

    private record ReaderStates(IndexReader reader, Map<String, StringDocValuesReaderState> states) {
    }
}

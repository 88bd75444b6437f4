package cn.insurer.archive.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of hits.
 *
 * @param total  number of matching documents (dossiers and items), exact
 * @param facets per facet field ({@code type}, {@code productLine}, {@code year}, {@code department},
 *               {@code securityLevel}): value to number of matching documents, most frequent first,
 *               counted over all matches rather than the page
 */
public record SearchResult(long total, List<Hit> hits, Map<String, Map<String, Long>> facets) {

    public SearchResult {
        hits = List.copyOf(hits);
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        facets.forEach((field, counts) -> copy.put(field, Collections.unmodifiableMap(new LinkedHashMap<>(counts))));
        facets = Collections.unmodifiableMap(copy);
    }
}

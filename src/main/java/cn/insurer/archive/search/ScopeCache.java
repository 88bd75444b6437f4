package cn.insurer.archive.search;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * The documents of each segment inside each standing scope (clearance and department), worked out
 * once and kept while the segment is open: every search of an adjuster needs the same set, and
 * building it walks the postings of the level and department terms. Loans, which differ from one
 * user to the next, are added per search. A segment keeps the scopes used last, a few dozen at most.
 */
final class ScopeCache {

    /** Scopes kept per segment: a bit per document each, 140 KB for a segment of a million. */
    static final int PER_SEGMENT = 32;

    private final Map<IndexReader.CacheKey, Map<Query, ScopeDocs>> bySegment = new ConcurrentHashMap<>();

    ScopeDocs of(IndexSearcher searcher, Query standing, LeafReaderContext segment) throws IOException {
        // Keyed by the segment's core, which deletions do not change: the bits include deleted
        // documents, and searches test live documents apart.
        IndexReader.CacheHelper core = segment.reader().getCoreCacheHelper();
        if (core == null) {
            return ScopeDocs.of(searcher, standing, segment);
        }
        Map<Query, ScopeDocs> scopes = bySegment.get(core.getKey());
        if (scopes == null) {
            Map<Query, ScopeDocs> fresh = recentlyUsed();
            scopes = bySegment.putIfAbsent(core.getKey(), fresh);
            if (scopes == null) {
                scopes = fresh;
                core.addClosedListener(bySegment::remove);
            }
        }
        synchronized (scopes) {
            ScopeDocs known = scopes.get(standing);
            if (known != null) {
                return known;
            }
        }
        ScopeDocs built = ScopeDocs.of(searcher, standing, segment);
        synchronized (scopes) {
            scopes.putIfAbsent(standing, built);
        }
        return built;
    }

    private static Map<Query, ScopeDocs> recentlyUsed() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Query, ScopeDocs> eldest) {
                return size() > PER_SEGMENT;
            }
        };
    }
}

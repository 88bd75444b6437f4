package cn.insurer.archive.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * The archive's Lucene index: one document per dossier and one per item, fed from the outbox.
 *
 * <p>Safe for any number of concurrent searches alongside one feeding thread. Changes become
 * visible to searches after {@link #refresh()} and durable after {@link #commit(long)}, which
 * also records how far the outbox has been applied.
 */
public final class ArchiveIndex implements Closeable {

    /** How thoroughly an existing index is examined before it is trusted. */
    public enum Verification {
        /** Open every segment; catches damaged headers, footers and missing files. Fast. */
        OPEN,
        /** Also run CheckIndex, which reads and checksums everything. Slow on large indexes. */
        CHECK_INDEX
    }

    private static final double RAM_BUFFER_MB = 64;
    private static final String POSITION_KEY = "archive.outboxPosition";
    /** The {@link DocumentMapper#VERSION} the documents were written with; absent before version 2. */
    private static final String MAPPING_KEY = "archive.mapping";

    private final Directory directory;
    private final ArchiveAnalyzers analyzers;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final DocumentMapper mapper;
    /** Searches one query's segments in parallel; null when searching on the caller's thread alone. */
    private final ExecutorService segmentSearch;
    private volatile long position;
    private final int mapping;
    private boolean closed;

    /**
     * Documents in department order: a branch's documents form one run of document numbers in
     * each segment, which a search confined to a branch's reading scope reads alone
     * ({@link ScopeDocs}). A dossier's documents share its department, so they stay together.
     */
    static final Sort SORT = new Sort(new SortField(ArchiveFields.DEPARTMENT, SortField.Type.STRING));

    private ArchiveIndex(Path dir) throws IOException {
        this(dir, new ArchiveAnalyzers(), false, Ranking.SHIPPED.similarity());
    }

    /** @param replace whether to start empty over what the directory holds, which it deletes at the first commit */
    private ArchiveIndex(Path dir, ArchiveAnalyzers openedAnalyzers, boolean replace, Similarity similarity)
            throws IOException {
        Directory openedDirectory = FSDirectory.open(dir);
        IndexWriter openedWriter = null;
        ExecutorService pool = segmentSearchPool();
        try {
            IndexWriterConfig config = new IndexWriterConfig(openedAnalyzers.perField())
                    .setSimilarity(similarity)
                    .setOpenMode(replace ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setIndexSort(SORT)
                    // Closing must not make changes durable under a position they did not reach.
                    .setCommitOnClose(false)
                    // Stored text with offsets fills the default 16 MB buffer after a few hundred
                    // items; fewer, larger flushes mean fewer merges during a rebuild.
                    .setRAMBufferSizeMB(RAM_BUFFER_MB);
            openedWriter = new IndexWriter(openedDirectory, config);
            this.searchers = new SearcherManager(openedWriter, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                    IndexSearcher searcher = pool == null ? new IndexSearcher(reader) : new IndexSearcher(reader, pool);
                    searcher.setSimilarity(similarity);
                    // Reading scopes are cached per segment by ScopeCache. Lucene's query cache would
                    // also cache a frequent query's matches, by walking all of them in every segment,
                    // which confining the query to a scope's span is there to avoid.
                    searcher.setQueryCache(null);
                    return searcher;
                }
            });
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(openedWriter, openedDirectory, openedAnalyzers);
            if (pool != null) {
                pool.shutdownNow();
            }
            throw e;
        }
        this.segmentSearch = pool;
        this.directory = openedDirectory;
        this.analyzers = openedAnalyzers;
        this.mapper = new DocumentMapper(openedAnalyzers.analysis());
        this.writer = openedWriter;
        this.position = readLong(openedWriter, POSITION_KEY, 0);
        this.mapping = (int) readLong(openedWriter, MAPPING_KEY, 1);
    }

    /**
     * Threads that search the segments of one query side by side, so that a search on a large
     * archive takes a fraction of its time on an otherwise idle server; like Lucene's merge
     * threads, they belong to the index and end with it. {@code archive.search.threads} sets
     * their number (default: one per core; 1 searches on the caller's thread only).
     */
    private static ExecutorService segmentSearchPool() {
        int threads = Integer.getInteger("archive.search.threads", Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            return null;
        }
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "archive-search-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A new index in the empty directory {@code dir} with the given analysis, for measuring
     * analyses against each other; takes ownership of {@code analyzers}.
     */
    static ArchiveIndex create(Path dir, ArchiveAnalyzers analyzers) throws IOException {
        return create(dir, analyzers, Ranking.SHIPPED.similarity());
    }

    /** As {@link #create(Path, ArchiveAnalyzers)}, scoring with {@code similarity}. */
    static ArchiveIndex create(Path dir, ArchiveAnalyzers analyzers, Similarity similarity) throws IOException {
        Files.createDirectories(dir);
        if (!IndexRecovery.isEmpty(dir)) {
            throw new IOException(dir + " is not empty");
        }
        return new ArchiveIndex(dir, analyzers, false, similarity);
    }

    /** Opens the index in {@code dir}, verifying it by opening every segment. */
    public static OpenResult open(Path dir) throws IOException {
        return open(dir, Verification.OPEN);
    }

    /**
     * Opens the index in {@code dir}, creating it if absent. A damaged index is moved to a
     * timestamped sibling directory and replaced by an empty one, reported as RECOVERED with
     * position 0 so that the caller feeds everything again.
     *
     * @throws IOException for failures that are not damage to the index, such as a lock held by
     *                     another writer, which moving the directory aside would not cure
     */
    public static OpenResult open(Path dir, Verification verification) throws IOException {
        return open(dir, verification, Clock.systemUTC());
    }

    /** As {@link #open(Path, Verification)}, naming a quarantined index by the time on {@code clock}. */
    public static OpenResult open(Path dir, Verification verification, Clock clock) throws IOException {
        Objects.requireNonNull(verification, "verification");
        Files.createDirectories(dir);
        if (IndexRecovery.isEmpty(dir)) {
            return new OpenResult(new ArchiveIndex(dir), OpenResult.Status.CREATED, null, null);
        }
        Optional<String> problem = IndexRecovery.diagnose(dir, verification);
        if (problem.isEmpty()) {
            try {
                Optional<String> unsorted = IndexRecovery.otherSort(dir, SORT);
                if (unsorted.isPresent()) {
                    // A writer cannot change the order of existing segments: start over, and rebuild.
                    return new OpenResult(new ArchiveIndex(dir, new ArchiveAnalyzers(), true, Ranking.SHIPPED.similarity()), OpenResult.Status.OUTDATED,
                            null, unsorted.get() + ", this is mapping version " + DocumentMapper.VERSION
                                    + " sorted by " + SORT + "; replaced by an empty index");
                }
                ArchiveIndex opened = new ArchiveIndex(dir);
                if (opened.mapping != DocumentMapper.VERSION) {
                    return new OpenResult(opened, OpenResult.Status.OUTDATED, null,
                            "documents were indexed by mapping version " + opened.mapping + ", this is version "
                                    + DocumentMapper.VERSION);
                }
                return new OpenResult(opened, OpenResult.Status.OPENED, null, null);
            } catch (IOException e) {
                if (!IndexRecovery.isDamage(e)) {
                    throw e;
                }
                problem = Optional.of(e.toString());
            }
        }
        Path quarantined = IndexRecovery.quarantine(dir, clock);
        return new OpenResult(new ArchiveIndex(dir), OpenResult.Status.RECOVERED, quarantined, problem.get());
    }

    /**
     * Replaces everything indexed for the dossier with the dossier and the given items, in one
     * atomic step: items no longer listed disappear, and searches never see a half-updated set.
     */
    public void upsertDossier(DossierDocument dossier, List<ItemDocument> items) throws IOException {
        Objects.requireNonNull(dossier, "dossier");
        Objects.requireNonNull(items, "items");
        List<BytesRef> itemIds = new ArrayList<>(items.size());
        for (ItemDocument item : items) {
            itemIds.add(new BytesRef(item.itemId().toString()));
        }
        // Item ids are included so an item that moved here from another dossier leaves no stale copy.
        Query previous = new BooleanQuery.Builder()
                .add(new TermQuery(dossierTerm(dossier.dossierId())), Occur.SHOULD)
                .add(new TermInSetQuery(ArchiveFields.ID, itemIds), Occur.SHOULD)
                .build();
        writer.updateDocuments(previous, mapper.documents(dossier, items));
    }

    /**
     * Rewrites the dossier's own document and those of some of its items; of the items named, one
     * no longer among {@code items} (withdrawn) leaves the index. The dossier's other items keep
     * their documents: only a change to the dossier itself ({@link #upsertDossier}) reaches them.
     */
    public void upsertItems(DossierDocument dossier, List<ItemDocument> items, Set<UUID> changedItemIds) throws IOException {
        Term dossierTerm = dossierTerm(dossier.dossierId());
        writer.updateDocument(new Term(ArchiveFields.ID, dossier.dossierId().toString()), mapper.dossierDocument(dossier));
        Set<UUID> gone = new HashSet<>(changedItemIds);
        for (ItemDocument item : items) {
            gone.remove(item.itemId());
            writer.updateDocument(new Term(ArchiveFields.ID, item.itemId().toString()), mapper.itemDocument(dossier, item));
        }
        for (UUID itemId : gone) {
            writer.deleteDocuments(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(ArchiveFields.ID, itemId.toString())), Occur.FILTER)
                    .add(new TermQuery(dossierTerm), Occur.FILTER)
                    .build());
        }
    }

    public void deleteDossier(UUID dossierId) throws IOException {
        writer.deleteDocuments(dossierTerm(dossierId));
    }

    /** Makes all changes so far durable together with the outbox position they correspond to. */
    public synchronized void commit(long outboxPosition) throws IOException {
        if (outboxPosition < 0) {
            throw new IllegalArgumentException("outbox position must not be negative: " + outboxPosition);
        }
        writer.setLiveCommitData(Map.of(POSITION_KEY, Long.toString(outboxPosition),
                MAPPING_KEY, Integer.toString(DocumentMapper.VERSION)).entrySet());
        writer.commit();
        position = outboxPosition;
    }

    /** The outbox position of the last commit; 0 for a new index. */
    public long position() {
        return position;
    }

    /** Makes changes made so far visible to searches. */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Empties the index and commits position 0, so that an interrupted rebuild starts over. */
    public synchronized void clear() throws IOException {
        writer.deleteAll();
        commit(0);
    }

    /** Number of documents (dossiers and items) visible to searches, as of the last refresh. */
    public int numDocs() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            IOUtils.close(searchers, writer, directory, analyzers);
        } finally {
            if (segmentSearch != null) {
                segmentSearch.shutdownNow();
            }
        }
    }

    ArchiveAnalyzers analyzers() {
        return analyzers;
    }

    IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    private static Term dossierTerm(UUID dossierId) {
        return new Term(ArchiveFields.DOSSIER_ID, dossierId.toString());
    }

    private static long readLong(IndexWriter writer, String key, long absent) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (key.equals(entry.getKey())) {
                    return Long.parseLong(entry.getValue());
                }
            }
        }
        return absent;
    }
}

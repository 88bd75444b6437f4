package cn.insurer.archive.search;

import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.dossier.DossierChanged;
import cn.insurer.archive.platform.Startup;
import cn.insurer.archive.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded Lucene index and the thread that keeps it following the outbox. The index is
 * derived data: when it is missing or damaged at start it is moved aside and rebuilt from the
 * database, while the server keeps serving.
 */
@ApplicationScoped
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());
    private static final int OVERLAP_SECONDS = 60;
    private static final int BATCH = 500;
    /**
     * The most outbox entries a search looks through for dossiers the index has not caught up
     * with; beyond them a search would not know all it must withhold, so it is refused.
     */
    private static final int WITHHELD_LIMIT = 50_000;

    @Inject
    ArchiveSettings settings;

    @Inject
    IndexOutbox outbox;

    @Inject
    IndexSource source;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threadFactory;

    private static final long COMMIT_EVERY_NANOS = 5_000_000_000L;
    /**
     * The shortest time between two refreshes while changes keep coming. Each refresh writes what
     * the index holds in memory as a segment of its own, which merges later rewrite; during an
     * import the indexer refreshed several times a second. A change after a quiet spell is still
     * visible at once.
     */
    private static final long REFRESH_GAP_NANOS = 1_000_000_000L;

    private final Object wakeUp = new Object();
    private final AtomicReference<RebuildProgress> rebuild = new AtomicReference<>();
    /** Remembers applied entries for twice the outbox's overlap, which returns them again. */
    private final OutboxWindow window = new OutboxWindow(2L * OVERLAP_SECONDS * 1_000_000_000L, System::nanoTime);
    private volatile ArchiveIndex index;
    private volatile ArchiveSearcher searcher;
    /** The outbox position of what searches see: set only once a refresh has made it visible. */
    private volatile long searchedPosition;
    private long committedAt = System.nanoTime();
    private long refreshedAt = System.nanoTime() - REFRESH_GAP_NANOS;
    private volatile boolean running;
    private volatile boolean rebuildRequested;
    private volatile String problem;
    private Thread feeder;

    /** Where a rebuild stands, for the admin endpoint and the health check. */
    public record RebuildProgress(Instant started, long total, long done, Instant finished, String failure) {
    }

    void start(@Observes Startup.Started started) throws IOException {
        OpenResult opened = ArchiveIndex.open(settings.dataDir().resolve("index"), ArchiveIndex.Verification.OPEN, clock);
        index = opened.index();
        searcher = new ArchiveSearcher(index);
        searchedPosition = index.position();
        if (opened.status() == OpenResult.Status.RECOVERED) {
            problem = opened.problem();
            LOG.warning("Search index was damaged (" + opened.problem() + "); moved to " + opened.quarantinedTo()
                    + " and rebuilding from the database");
        } else if (opened.status() == OpenResult.Status.OUTDATED) {
            problem = opened.problem();
            LOG.warning("Search index is outdated (" + opened.problem() + "); rebuilding it from the database");
        }
        rebuildRequested = opened.rebuildRequired();
        running = true;
        feeder = threadFactory.newThread(this::follow);
        feeder.setName("archive-indexer");
        feeder.setDaemon(true);
        feeder.start();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) DossierChanged change) {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /** Starts a rebuild in the indexer thread; the search keeps answering from the current index. */
    public RebuildProgress requestRebuild() {
        // Shown as running from the request on, so that whoever polls never mistakes the previous
        // rebuild's DONE for this one's.
        RebuildProgress requested = new RebuildProgress(Instant.now(clock), source.dossierCount(), 0, null, null);
        rebuild.set(requested);
        rebuildRequested = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        return requested;
    }

    public Optional<RebuildProgress> rebuildProgress() {
        return Optional.ofNullable(rebuild.get());
    }

    public ArchiveSearcher searcher() {
        ArchiveSearcher current = searcher;
        if (current == null) {
            throw new IllegalStateException("the search index is not open yet");
        }
        return current;
    }

    /**
     * The dossiers changed in the database since what searches see of them was indexed. A change
     * may narrow who reads a dossier (a higher level, a closed claim's personal data, another
     * department) as well as widen it, and the index learns of it a moment later, or minutes later
     * behind a bulk import: until it has, searches leave these dossiers out, so that the index
     * never shows what the database already refuses.
     *
     * @throws ProblemException unavailable when the index is so far
     *         behind that the dossiers cannot all be named
     */
    public Set<UUID> unsearchedChanges() {
        long visible = searchedPosition;
        List<IndexOutbox.Entry> entries = outbox.after(visible, OVERLAP_SECONDS, WITHHELD_LIMIT);
        if (entries.stream().filter(entry -> entry.seq() > visible).count() >= WITHHELD_LIMIT) {
            throw ProblemException.unavailable("problem.search.behind");
        }
        Set<UUID> dossiers = new HashSet<>();
        window.pending(visible, entries).forEach(entry -> dossiers.add(entry.dossierId()));
        return dossiers;
    }

    public long position() {
        return index == null ? -1 : index.position();
    }

    public int documents() {
        try {
            return index == null ? -1 : index.numDocs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean healthy() {
        return running && index != null && feeder != null && feeder.isAlive();
    }

    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private void follow() {
        // A full batch means more is waiting: the next one follows at once, big enough a segment.
        boolean behind = false;
        while (running) {
            try {
                if (rebuildRequested) {
                    rebuildRequested = false;
                    rebuildAll();
                }
                long sinceRefresh = System.nanoTime() - refreshedAt;
                if (!behind && sinceRefresh < REFRESH_GAP_NANOS) {
                    Thread.sleep((REFRESH_GAP_NANOS - sinceRefresh) / 1_000_000 + 1);
                }
                behind = catchUp();
                if (!behind) {
                    synchronized (wakeUp) {
                        wakeUp.wait(1000);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // A failed commit comes out of a @Transactional call as a checked RollbackException, which must not end this loop.
                if (running) {
                    LOG.log(Level.WARNING, "Indexing failed; retrying", e);
                    sleep();
                }
            }
        }
    }

    /**
     * Applies the outbox entries the index has not applied: those after its position, and those
     * committed late below it ({@link OutboxWindow}); true when there may be more.
     */
    private boolean catchUp() throws IOException {
        long position = searchedPosition;
        List<IndexOutbox.Entry> pending = window.pending(position, outbox.after(position, OVERLAP_SECONDS, BATCH));
        if (pending.isEmpty()) {
            if (index.position() < position) {
                commit(position);
            }
            return false;
        }
        long newest = position;
        long fresh = 0;
        for (IndexOutbox.Entry entry : pending) {
            newest = Math.max(newest, entry.seq());
            fresh += entry.seq() > position ? 1 : 0;
        }
        for (OutboxChanges changed : OutboxChanges.byDossier(pending)) {
            if (changed.wholeDossier()) {
                reindex(changed.dossierId());
            } else {
                reindexItems(changed.dossierId(), changed.itemIds());
            }
        }
        if (System.nanoTime() - committedAt >= COMMIT_EVERY_NANOS) {
            commit(newest);
        }
        index.refresh();
        refreshedAt = System.nanoTime();
        window.applied(pending);
        searchedPosition = newest;
        return fresh == BATCH;
    }

    /**
     * A commit makes the index durable (it syncs every new file), a refresh only makes changes
     * visible; under a steady stream of changes the index commits every few seconds and whenever
     * it has caught up. What a crash loses is applied again from the outbox after the last commit.
     */
    private void commit(long position) throws IOException {
        index.commit(position);
        committedAt = System.nanoTime();
    }

    private void reindex(UUID dossierId) throws IOException {
        Optional<IndexSource.Indexable> indexable = source.load(dossierId);
        if (indexable.isPresent()) {
            index.upsertDossier(indexable.get().dossier(), indexable.get().items());
        } else {
            index.deleteDossier(dossierId);
        }
    }

    /**
     * A change to some items rewrites those items' documents and the dossier's own, not the rest
     * of the dossier: while a dossier of a hundred files is imported and extracted, re-analysing
     * every item on each change cost more than all the other work of the import together.
     */
    private void reindexItems(UUID dossierId, Set<UUID> itemIds) throws IOException {
        Optional<IndexSource.Indexable> indexable = source.load(dossierId, itemIds);
        if (indexable.isPresent()) {
            index.upsertItems(indexable.get().dossier(), indexable.get().items(), itemIds);
        } else {
            index.deleteDossier(dossierId);
        }
    }

    private void rebuildAll() throws IOException {
        long head = outbox.head();
        long total = source.dossierCount();
        Instant started = Instant.now(clock);
        rebuild.set(new RebuildProgress(started, total, 0, null, null));
        LOG.info("Rebuilding the search index from the database: " + total + " dossiers");
        try {
            index.clear();
            long done = 0;
            UUID after = null;
            List<UUID> page;
            while (!(page = source.dossierIdsAfter(after, BATCH)).isEmpty()) {
                for (UUID id : page) {
                    reindex(id);
                }
                done += page.size();
                after = page.get(page.size() - 1);
                rebuild.set(new RebuildProgress(started, total, done, null, null));
            }
            index.commit(head);
            index.refresh();
            searchedPosition = head;
            problem = null;
            rebuild.set(new RebuildProgress(started, total, done, Instant.now(clock), null));
            LOG.info("Search index rebuilt: " + done + " dossiers");
        } catch (IOException | RuntimeException e) {
            rebuild.set(new RebuildProgress(started, total, rebuild.get().done(), Instant.now(clock), e.toString()));
            throw e;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (feeder != null) {
            feeder.interrupt();
            try {
                feeder.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (index != null) {
            try {
                index.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Closing the search index failed", e);
            }
        }
    }
}

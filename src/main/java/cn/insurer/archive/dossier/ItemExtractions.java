package cn.insurer.archive.dossier;

import cn.insurer.archive.platform.Metrics;
import cn.insurer.archive.storage.ContentHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The extraction state of items, kept on the item table, which serves as the work queue: PENDING
 * items wait, a worker claims one by leasing it (RUNNING), and a lease that runs out (the server
 * died mid-extraction) puts it back. The transitions themselves are {@link Item}'s.
 */
@ApplicationScoped
public class ItemExtractions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<DossierChanged> changes;

    /** An item leased to a worker: what to fetch, how it was named and what it was detected to be when filed. */
    public record Claim(UUID itemId, ContentHash hash, String fileName, String mediaType) {
    }

    /**
     * Leases an item whose lease ran out (its worker died), else the oldest waiting item, to {@code node} until
     * {@code now + lease}. An item already tried {@code maxAttempts} times, each time taking the server down with
     * it, fails instead.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Claim> claimNext(Instant now, java.time.Duration lease, int maxAttempts, String node) {
        while (true) {
            Optional<UUID> next = expiredLease(now).or(this::oldestWaiting);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Item item = em.find(Item.class, next.get());
            if (item.extractionAttempts() >= maxAttempts) {
                item.extractionFailed("extraction was interrupted " + item.extractionAttempts() + " times; retry it by hand");
                changes.fire(DossierChanged.textOf(item));
                continue;
            }
            item.leased(now.plus(lease), node);
            return Optional.of(new Claim(item.id(), new ContentHash(item.sha256().trim()), item.fileName(), item.mediaType()));
        }
    }

    /*
     * One state per query, each read in the order of the queue's index (state, created_at), so that a claim reads
     * a handful of index entries however long the queue is. A single query for either state cannot be read in
     * that order: PostgreSQL read the whole item table and sorted the waiting items for every claim, which
     * during a 10,000-file import was most of the database's CPU. The states are written out so that the
     * planner matches the index's predicate in a generic plan too.
     */
    private Optional<UUID> expiredLease(Instant now) {
        return first(em.createNativeQuery("select id from item where extraction_state = 'RUNNING' "
                + "and extraction_lease_until < ?1 order by created_at limit 1 for update skip locked").setParameter(1, now));
    }

    private Optional<UUID> oldestWaiting() {
        return first(em.createNativeQuery("select id from item where extraction_state = 'PENDING' "
                + "order by created_at limit 1 for update skip locked"));
    }

    private static Optional<UUID> first(jakarta.persistence.Query query) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = query.getResultList();
        return ids.stream().findFirst();
    }

    /** Stores the text with the item's new state; empty when the item is gone (destroyed meanwhile). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Item> extracted(UUID itemId, String text, boolean truncated, Integer pages, String mediaType) {
        Item item = em.find(Item.class, itemId);
        if (item == null) {
            return Optional.empty();
        }
        ItemText stored = em.find(ItemText.class, itemId);
        if (stored == null) {
            em.persist(new ItemText(itemId, text, truncated, clock.instant()));
        } else {
            stored.replace(text, truncated, clock.instant());
        }
        item.extracted(pages, mediaType);
        return finished(item);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Item> unsupported(UUID itemId, String reason) {
        return Optional.ofNullable(em.find(Item.class, itemId)).flatMap(item -> {
            item.extractionUnsupported(reason);
            return finished(item);
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Item> failed(UUID itemId, String reason) {
        return Optional.ofNullable(em.find(Item.class, itemId)).flatMap(item -> {
            item.extractionFailed(reason);
            return finished(item);
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void release(UUID itemId) {
        Item item = em.find(Item.class, itemId);
        if (item != null) {
            item.released();
        }
    }

    /**
     * Gives back the leases {@code node} held when it stopped: called as the node starts, before its
     * workers run, when nobody can be working on them. Returns how many went back to the queue.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int releaseLeasesOf(String node) {
        List<Item> held = em.createQuery("select i from Item i where i.extractionState = :running and i.extractionNode = :node",
                        Item.class)
                .setParameter("running", ExtractionState.RUNNING).setParameter("node", node).getResultList();
        held.forEach(Item::leaseAbandoned);
        return held.size();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long backlog() {
        return em.createQuery("select count(i) from Item i where i.extractionState in :waiting", Long.class)
                .setParameter("waiting", List.of(ExtractionState.PENDING, ExtractionState.RUNNING)).getSingleResult();
    }

    /**
     * How many items wait (PENDING) and are being extracted (RUNNING), both always present: one
     * count over the queue's partial index, bounded in time because a metrics scrape waits on it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<ExtractionState, Long> queued() {
        Map<ExtractionState, Long> counts = new EnumMap<>(ExtractionState.class);
        counts.put(ExtractionState.PENDING, 0L);
        counts.put(ExtractionState.RUNNING, 0L);
        em.createQuery("select i.extractionState, count(i) from Item i where i.extractionState in :waiting "
                        + "group by i.extractionState", Object[].class)
                .setParameter("waiting", List.of(ExtractionState.PENDING, ExtractionState.RUNNING))
                .setHint(Metrics.QUERY_TIMEOUT_HINT, Metrics.QUERY_TIMEOUT_MILLIS)
                .getResultList()
                .forEach(row -> counts.put((ExtractionState) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    private Optional<Item> finished(Item item) {
        changes.fire(DossierChanged.textOf(item));
        return Optional.of(item);
    }
}

package cn.insurer.archive.search;

import cn.insurer.archive.dossier.DossierChanged;
import cn.insurer.archive.platform.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/**
 * The indexing outbox. Every change to a dossier or item appends a row in the transaction of the
 * change; the index follows the rows by sequence, so it can always catch up or be rebuilt.
 */
@ApplicationScoped
public class IndexOutbox {

    @PersistenceContext
    EntityManager em;

    void onChange(@Observes DossierChanged change) {
        em.createNativeQuery("insert into index_outbox (dossier_id, item_id) values (?1, ?2)")
                .setParameter(1, change.dossierId())
                .setParameter(2, change.itemId())
                .executeUpdate();
    }

    /**
     * The first {@code limit} entries after a position, in sequence order, and every entry at or
     * below it from the last {@code overlapSeconds}. Sequence numbers are taken before commit, so a
     * slow transaction can commit a lower number after a higher one was read; the caller tells
     * those apart from entries it applied already. Re-indexing is idempotent, so reading an entry
     * twice costs only time.
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.REQUIRES_NEW)
    public List<Entry> after(long position, int overlapSeconds, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("(select seq, dossier_id, item_id from index_outbox "
                        + "where seq > ?1 order by seq limit ?3) union all "
                        + "(select seq, dossier_id, item_id from index_outbox "
                        + "where seq <= ?1 and created_at > clock_timestamp() - make_interval(secs => ?2)) "
                        + "order by 1")
                .setParameter(1, position)
                .setParameter(2, overlapSeconds)
                .setParameter(3, limit)
                .getResultList();
        return rows.stream().map(row -> new Entry(((Number) row[0]).longValue(), (UUID) row[1], (UUID) row[2])).toList();
    }

    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.REQUIRES_NEW)
    public long head() {
        Object max = em.createNativeQuery("select coalesce(max(seq), 0) from index_outbox").getSingleResult();
        return ((Number) max).longValue();
    }

    /** How many entries lie after a position: what a node whose index stands there has yet to apply. */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.REQUIRES_NEW)
    public long countAfter(long position) {
        Object count = em.createNativeQuery("select count(*) from index_outbox where seq > ?1")
                .setParameter(1, position)
                .setHint(Metrics.QUERY_TIMEOUT_HINT, Metrics.QUERY_TIMEOUT_MILLIS)
                .getSingleResult();
        return ((Number) count).longValue();
    }

    public record Entry(long seq, UUID dossierId, UUID itemId) {
    }
}

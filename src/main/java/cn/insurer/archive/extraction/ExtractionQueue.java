package cn.insurer.archive.extraction;

import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.dossier.DossierAuditActions;
import cn.insurer.archive.dossier.DossierChanged;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.ItemText;
import cn.insurer.archive.storage.ContentHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The extraction work queue is the item table itself: PENDING items wait, a worker claims one by
 * leasing it, and a lease that runs out (the server died mid-extraction) puts it back in the queue.
 */
@ApplicationScoped
public class ExtractionQueue {

    /** An item that keeps taking the server down with it is given up on rather than retried forever. */
    static final int MAX_ATTEMPTS = 3;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Event<DossierChanged> changes;

    @Inject
    ArchiveSettings settings;

    public record Claim(UUID itemId, ContentHash hash, String fileName) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claimNext(Duration lease) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, sha256, file_name, extraction_attempts from item "
                        + "where extraction_state = 'PENDING' "
                        + "or (extraction_state = 'RUNNING' and extraction_lease_until < now()) "
                        + "order by created_at limit 1 for update skip locked")
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        UUID id = (UUID) row[0];
        int attempts = ((Number) row[3]).intValue();
        if (attempts >= MAX_ATTEMPTS) {
            Item item = em.find(Item.class, id);
            item.extractionFailed("extraction was interrupted " + attempts + " times; retry it by hand");
            changes.fire(new DossierChanged(item.dossier().id(), id));
            return claimNext(lease);
        }
        em.createNativeQuery("update item set extraction_state = 'RUNNING', extraction_attempts = extraction_attempts + 1, "
                        + "extraction_lease_until = ?1 where id = ?2")
                .setParameter(1, Instant.now().plus(lease))
                .setParameter(2, id)
                .executeUpdate();
        return Optional.of(new Claim(id, new ContentHash(((String) row[1]).trim()), (String) row[2]));
    }

    /** Stores the outcome, the text and the outbox entry that gets the text indexed, together. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(UUID itemId, ExtractionOutcome outcome, String text) {
        Item item = em.find(Item.class, itemId);
        if (item == null) {
            return;
        }
        switch (outcome.status()) {
            case DONE -> {
                String clean = ExtractedText.normalise(text);
                ItemText stored = em.find(ItemText.class, itemId);
                if (stored == null) {
                    em.persist(new ItemText(itemId, clean, outcome.truncated()));
                } else {
                    stored.replace(clean, outcome.truncated());
                }
                item.extracted(outcome.pages() < 0 ? null : outcome.pages(), outcome.mediaType());
            }
            case UNSUPPORTED -> item.extractionUnsupported(outcome.reason());
            case FAILED -> item.extractionFailed(outcome.reason());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", item.extractionState().name());
        details.put("reason", item.extractionReason());
        details.put("characters", outcome.characters());
        details.put("pages", outcome.pages());
        // With several nodes on one queue, which one did the work.
        details.put("node", settings.nodeName());
        audit.record(AuditLog.Actor.SYSTEM, DossierAuditActions.EXTRACTION_FINISHED, "item:" + itemId,
                outcome.status() == ExtractionStatus.DONE ? Outcome.SUCCESS : Outcome.FAILED, details);
        changes.fire(new DossierChanged(item.dossier().id(), itemId));
    }

    /** Gives the item back to the queue after a failure of ours (object store down), not of the file. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(UUID itemId) {
        em.createNativeQuery("update item set extraction_state = 'PENDING', extraction_lease_until = null, "
                        + "extraction_attempts = greatest(extraction_attempts - 1, 0) where id = ?1 and extraction_state = 'RUNNING'")
                .setParameter(1, itemId)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long backlog() {
        return ((Number) em.createNativeQuery(
                "select count(*) from item where extraction_state in ('PENDING', 'RUNNING')").getSingleResult()).longValue();
    }
}

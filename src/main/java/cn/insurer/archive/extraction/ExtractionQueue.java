package cn.insurer.archive.extraction;

import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.dossier.DossierAuditActions;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.ItemExtractions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The extraction work queue, each step in its own transaction: the queue is the item table itself,
 * whose extraction state dossier keeps ({@link ItemExtractions}); this side audits the outcomes.
 */
@ApplicationScoped
public class ExtractionQueue {

    /** An item that keeps taking the server down with it is given up on rather than retried forever. */
    static final int MAX_ATTEMPTS = 3;

    @Inject
    ItemExtractions items;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    ArchiveSettings settings;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<ItemExtractions.Claim> claimNext(Duration lease) {
        return items.claimNext(clock.instant(), lease, MAX_ATTEMPTS, settings.nodeName());
    }

    /**
     * What this node was extracting when it died goes back to the queue as it starts again, rather
     * than waiting RUNNING until the dead node's leases run out.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int requeueLeftByThisNode() {
        return items.releaseLeasesOf(settings.nodeName());
    }

    /** Stores the outcome, the text and the outbox entry that gets the text indexed, together. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(UUID itemId, ExtractionOutcome outcome, String text) {
        Optional<Item> recorded = switch (outcome.status()) {
            case DONE -> items.extracted(itemId, ExtractedText.normalise(text), outcome.truncated(),
                    outcome.pages() < 0 ? null : outcome.pages(), outcome.mediaType());
            case UNSUPPORTED -> items.unsupported(itemId, outcome.reason());
            case FAILED -> items.failed(itemId, outcome.reason());
        };
        recorded.ifPresent(item -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", item.extractionState().name());
            details.put("reason", item.extractionReason());
            details.put("characters", outcome.characters());
            details.put("pages", outcome.pages());
            // With several nodes on one queue, which one did the work.
            details.put("node", settings.nodeName());
            audit.record(AuditLog.Actor.SYSTEM, DossierAuditActions.EXTRACTION_FINISHED, "item:" + itemId,
                    outcome.status() == ExtractionStatus.DONE ? Outcome.SUCCESS : Outcome.FAILED, details);
        });
    }

    /** Gives the item back to the queue after a failure of ours (object store down), not of the file. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(UUID itemId) {
        items.release(itemId);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long backlog() {
        return items.backlog();
    }

    /** Items waiting and being extracted, by state name, for the metrics. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<String, Long> queued() {
        Map<String, Long> counts = new LinkedHashMap<>();
        items.queued().forEach((state, count) -> counts.put(state.name(), count));
        return counts;
    }
}

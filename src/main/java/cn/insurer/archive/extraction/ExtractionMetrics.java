package cn.insurer.archive.extraction;

import cn.insurer.archive.platform.Counter;
import cn.insurer.archive.platform.Metrics;
import cn.insurer.archive.platform.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;

/**
 * The extraction queue's depth, shared by every node (a count of the item table), and how this
 * node's extractions ended: DONE, FAILED, UNSUPPORTED, or REQUEUED when our side failed (the object
 * store was unreachable) and the item went back to the queue.
 */
@ApplicationScoped
public class ExtractionMetrics {

    private static final String OUTCOMES = "archive_extraction_outcomes_total";
    private static final String OUTCOMES_HELP = "Extractions finished on this node, by outcome";

    @Inject
    Metrics metrics;

    @Inject
    ExtractionQueue queue;

    private final Map<ExtractionStatus, Counter> finished = new EnumMap<>(ExtractionStatus.class);
    private Counter requeued;

    @PostConstruct
    void register() {
        metrics.gauges("archive_extraction_queue_items",
                "Items waiting for extraction (state PENDING: the queue's depth) and being extracted (RUNNING), all nodes",
                "state", queue::queued);
        for (ExtractionStatus status : ExtractionStatus.values()) {
            finished.put(status, metrics.counter(OUTCOMES, OUTCOMES_HELP, "outcome", status.name()));
        }
        requeued = metrics.counter(OUTCOMES, OUTCOMES_HELP, "outcome", "REQUEUED");
    }

    /** Made at start, so that the queue is scraped before any extraction has run here. */
    void atStart(@Observes Startup.Started started) {
        // Creating the bean registered the metrics.
    }

    void finished(ExtractionStatus status) {
        finished.get(status).increment();
    }

    void requeued() {
        requeued.increment();
    }
}

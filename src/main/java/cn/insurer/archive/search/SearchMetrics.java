package cn.insurer.archive.search;

import cn.insurer.archive.platform.Histogram;
import cn.insurer.archive.platform.Metrics;
import cn.insurer.archive.platform.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * How long this node's index takes to answer a search (the audit record of the search is timed
 * with the audit trail's appends), and how far this node's index is behind the outbox.
 */
@ApplicationScoped
public class SearchMetrics {

    @Inject
    Metrics metrics;

    @Inject
    SearchIndex index;

    @Inject
    IndexOutbox outbox;

    private Histogram latency;

    @PostConstruct
    void register() {
        latency = metrics.histogram("archive_search_seconds", "Time this node's index took to answer a search, in seconds",
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);
        metrics.gauge("archive_index_outbox_lag",
                "Outbox entries this node's index has yet to apply (absent while the index is not open)", this::lag);
    }

    /** Made at start, so that the lag is scraped before the first search. */
    void atStart(@Observes Startup.Started started) {
        // Creating the bean registered the metrics.
    }

    void searched(long startedNanos) {
        latency.observeSince(startedNanos);
    }

    private Long lag() {
        long position = index.position();
        return position < 0 ? null : outbox.countAfter(position);
    }
}

package cn.insurer.archive.ingest;

import cn.insurer.archive.platform.Counter;
import cn.insurer.archive.platform.Metrics;
import cn.insurer.archive.platform.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;

/** Import rows this node has processed, by outcome, once each row's outcome is recorded; rows/s is its rate. */
@ApplicationScoped
public class ImportMetrics {

    @Inject
    Metrics metrics;

    private final Map<RowOutcome, Counter> rows = new EnumMap<>(RowOutcome.class);

    @PostConstruct
    void register() {
        for (RowOutcome outcome : RowOutcome.values()) {
            rows.put(outcome, metrics.counter("archive_import_rows_total", "Import rows processed on this node, by outcome",
                    "outcome", outcome.name()));
        }
    }

    /** Made at start, so that the counters are scraped at zero before the first import. */
    void atStart(@Observes Startup.Started started) {
        // Creating the bean registered them.
    }

    void row(RowOutcome outcome) {
        rows.get(outcome).increment();
    }
}

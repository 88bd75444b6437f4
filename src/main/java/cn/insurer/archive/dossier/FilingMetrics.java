package cn.insurer.archive.dossier;

import cn.insurer.archive.platform.Counter;
import cn.insurer.archive.platform.Metrics;
import cn.insurer.archive.platform.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Items filed and their bytes, counted once the filing has committed (an import row may roll back). */
@ApplicationScoped
public class FilingMetrics {

    @Inject
    Metrics metrics;

    private Counter uploads;
    private Counter bytes;

    @PostConstruct
    void register() {
        uploads = metrics.counter("archive_uploads_total", "Items filed, through the API, the web desk or an import");
        bytes = metrics.counter("archive_uploaded_bytes_total", "Bytes of the items filed");
    }

    /** Made at start, so that the counters are scraped at zero before the first upload. */
    void atStart(@Observes Startup.Started started) {
        // Creating the bean registered them.
    }

    void filed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ItemFiled filed) {
        uploads.increment();
        bytes.add(filed.size());
    }
}

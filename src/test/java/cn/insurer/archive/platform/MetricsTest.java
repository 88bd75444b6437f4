package cn.insurer.archive.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.it.PrometheusText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void countersGaugesAndHistogramsAreWrittenInTheTextFormat() {
        Metrics metrics = new Metrics();
        metrics.counter("archive_uploads_total", "Items filed").add(3);
        metrics.counter("archive_outcomes_total", "Outcomes", "outcome", "DONE").increment();
        metrics.counter("archive_outcomes_total", "Outcomes", "outcome", "FAILED").add(2);
        metrics.gauge("archive_queue", "Waiting items", () -> 7L);
        Histogram latency = metrics.histogram("archive_search_seconds", "Search time", 0.005, 0.1, 1);
        latency.observe(0.005);
        latency.observe(0.05);
        latency.observe(2.5);

        String text = metrics.scrape("node-a");

        assertEquals("""
                # HELP archive_metric_errors_total Gauge readings that failed and were left out of a scrape, by metric
                # TYPE archive_metric_errors_total counter
                archive_metric_errors_total{node="node-a",metric="archive_queue"} 0
                # HELP archive_outcomes_total Outcomes
                # TYPE archive_outcomes_total counter
                archive_outcomes_total{node="node-a",outcome="DONE"} 1
                archive_outcomes_total{node="node-a",outcome="FAILED"} 2
                # HELP archive_queue Waiting items
                # TYPE archive_queue gauge
                archive_queue{node="node-a"} 7
                # HELP archive_search_seconds Search time
                # TYPE archive_search_seconds histogram
                archive_search_seconds_bucket{node="node-a",le="0.005"} 1
                archive_search_seconds_bucket{node="node-a",le="0.1"} 2
                archive_search_seconds_bucket{node="node-a",le="1.0"} 2
                archive_search_seconds_bucket{node="node-a",le="+Inf"} 3
                archive_search_seconds_sum{node="node-a"} 2.555
                archive_search_seconds_count{node="node-a"} 3
                # HELP archive_uploads_total Items filed
                # TYPE archive_uploads_total counter
                archive_uploads_total{node="node-a"} 3
                """, text);
        PrometheusText parsed = PrometheusText.parse(text);
        assertEquals("histogram", parsed.type("archive_search_seconds").orElseThrow());
        assertEquals(3, parsed.value("archive_search_seconds_count"));
        assertEquals(parsed.value("archive_search_seconds_count"), parsed.value("archive_search_seconds_bucket", "le", "+Inf"));
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        Metrics metrics = new Metrics();
        metrics.counter("archive_odd_total", "A help\\text\nover two lines", "kind", "say \"hi\"\\ or\nnot").increment();

        String text = metrics.scrape("node \"b\"");

        assertTrue(text.contains("# HELP archive_odd_total A help\\\\text\\nover two lines\n"), text);
        assertTrue(text.contains("archive_odd_total{node=\"node \\\"b\\\"\",kind=\"say \\\"hi\\\"\\\\ or\\nnot\"} 1\n"), text);
        PrometheusText parsed = PrometheusText.parse(text);
        assertEquals(1, parsed.value("archive_odd_total", "kind", "say \"hi\"\\ or\nnot", "node", "node \"b\""));
        assertEquals("A help\\text\nover two lines", parsed.help("archive_odd_total").orElseThrow());
    }

    @Test
    void aGaugeThatCannotBeReadIsLeftOutAndCounted() {
        Metrics metrics = new Metrics();
        AtomicBoolean down = new AtomicBoolean(true);
        metrics.gauge("archive_loans_pending_approval", "Pending", () -> {
            if (down.get()) {
                throw new IllegalStateException("connection refused");
            }
            return 4L;
        });
        Map<String, Long> byKind = new LinkedHashMap<>();
        byKind.put("MISSING", 1L);
        byKind.put("INTEGRITY", 0L);
        metrics.gauges("archive_custody_open_findings", "Findings", "kind", () -> byKind);
        metrics.gauge("archive_index_outbox_lag", "Lag", () -> null);

        PrometheusText first = PrometheusText.parse(metrics.scrape("n"));
        assertEquals(List.of(), first.samples("archive_loans_pending_approval"));
        assertEquals("gauge", first.type("archive_loans_pending_approval").orElseThrow());
        assertEquals(1, first.value(Metrics.ERRORS, "metric", "archive_loans_pending_approval"));
        assertEquals(0, first.value(Metrics.ERRORS, "metric", "archive_custody_open_findings"));
        assertEquals(1, first.value("archive_custody_open_findings", "kind", "MISSING"));
        assertEquals(0, first.value("archive_custody_open_findings", "kind", "INTEGRITY"));
        assertEquals(List.of(), first.samples("archive_index_outbox_lag"), "a null reading is no sample, and no error");
        assertEquals(0, first.value(Metrics.ERRORS, "metric", "archive_index_outbox_lag"));

        down.set(false);
        PrometheusText second = PrometheusText.parse(metrics.scrape("n"));
        assertEquals(4, second.value("archive_loans_pending_approval"));
        assertEquals(1, second.value(Metrics.ERRORS, "metric", "archive_loans_pending_approval"));
    }

    @Test
    void histogramBucketsAreCumulativeAndBoundsInclusive() {
        Metrics metrics = new Metrics();
        Histogram histogram = metrics.histogram("archive_audit_append_seconds", "Append", 0.001, 0.01, 0.1);
        for (double value : new double[] {0.0005, 0.001, 0.0011, 0.01, 0.05, 0.1, 0.2, 7}) {
            histogram.observe(value);
        }
        PrometheusText parsed = PrometheusText.parse(metrics.scrape("n"));
        assertEquals(2, parsed.value("archive_audit_append_seconds_bucket", "le", "0.001"));
        assertEquals(4, parsed.value("archive_audit_append_seconds_bucket", "le", "0.01"));
        assertEquals(6, parsed.value("archive_audit_append_seconds_bucket", "le", "0.1"));
        assertEquals(8, parsed.value("archive_audit_append_seconds_bucket", "le", "+Inf"));
        assertEquals(8, parsed.value("archive_audit_append_seconds_count"));
        assertEquals(7.3626, parsed.value("archive_audit_append_seconds_sum"), 1e-9);
    }

    @Test
    void registeringAgainGivesTheSameMetricAndAConflictingKindIsRefused() {
        Metrics metrics = new Metrics();
        Counter first = metrics.counter("archive_uploads_total", "Items filed");
        assertTrue(first == metrics.counter("archive_uploads_total", "Items filed"));
        Histogram histogram = metrics.histogram("archive_search_seconds", "Search", 0.1, 1);
        assertTrue(histogram == metrics.histogram("archive_search_seconds", "Search", 0.1, 1));

        assertThrows(IllegalArgumentException.class, () -> metrics.histogram("archive_search_seconds", "Search", 0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("archive_search_seconds_total", "x", "node", "a"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("archive_uploads_total", "x", "kind", "a"));
        assertThrows(IllegalArgumentException.class, () -> metrics.gauge("archive_uploads_total", "x", () -> 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("archive_uploads", "a counter ends in _total"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("archive-uploads_total", "not a name"));
        assertThrows(IllegalArgumentException.class, () -> metrics.histogram("archive_x_seconds", "x", 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> first.add(-1));
    }

    @Test
    void countsFromManyThreadsAreNotLost() throws InterruptedException {
        Metrics metrics = new Metrics();
        Counter counter = metrics.counter("archive_uploads_total", "Items filed");
        Histogram histogram = metrics.histogram("archive_search_seconds", "Search", 0.01, 0.1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    counter.increment();
                    histogram.observe(0.05);
                    if (i % 100 == 0) {
                        metrics.scrape("n");
                    }
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        PrometheusText parsed = PrometheusText.parse(metrics.scrape("n"));
        assertEquals(40_000, parsed.value("archive_uploads_total"));
        assertEquals(40_000, parsed.value("archive_search_seconds_bucket", "le", "0.1"));
        assertEquals(0, parsed.value("archive_search_seconds_bucket", "le", "0.01"));
        assertEquals(2000, parsed.value("archive_search_seconds_sum"), 1e-6);
    }
}

package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} as Prometheus scrapes it, read with a strict parser of the text format: filing an
 * item and searching move the counters and histograms by exactly what happened, the database gauges
 * are there, and nothing in it names a dossier or an item.
 */
class MetricsIT extends ServerTestBase {

    private static final List<String> GAUGES = List.of("archive_extraction_queue_items", "archive_index_outbox_lag",
            "archive_loans_pending_approval", "archive_custody_open_findings");

    @Test
    void filingAndSearchingShowInTheMetrics() {
        ApiClient clerk = Users.create("clerk", "INTERNAL", "理赔部", "CLERK");
        JsonNode dossier = Dossiers.create(clerk, Dossiers.claim("意外险", "理赔部", "INTERNAL"));
        String dossierId = dossier.get("id").asText();
        String marker = Users.unique("zhibiao");
        byte[] content = ("伤残鉴定报告 " + marker + " 指标测试").getBytes(StandardCharsets.UTF_8);
        PrometheusText before = scrape();

        ApiClient.Reply upload = clerk.upload(dossierId, content, "鉴定报告.txt", Dossiers.itemMetadata("鉴定报告", "CLAIM_APPLICATION"));
        assertEquals(201, upload.status(), upload::toString);
        String itemId = upload.json().get("id").asText();
        ApiClient.Reply search = clerk.get(ApiClient.query("/api/search", Map.of("q", marker)));
        assertEquals(200, search.status(), search::toString);
        PrometheusText after = scrape();

        assertEquals(before.value("archive_uploads_total") + 1, after.value("archive_uploads_total"));
        assertEquals(before.value("archive_uploaded_bytes_total") + content.length, after.value("archive_uploaded_bytes_total"));
        assertEquals("counter", after.type("archive_uploads_total").orElseThrow());

        assertEquals(before.value("archive_search_seconds_count") + 1, after.value("archive_search_seconds_count"));
        assertTrue(after.value("archive_search_seconds_sum") > before.value("archive_search_seconds_sum"));
        assertHistogram(after, "archive_search_seconds");
        // The upload and the search each appended to the audit chain.
        assertTrue(after.value("archive_audit_append_seconds_count") >= before.value("archive_audit_append_seconds_count") + 2);
        assertHistogram(after, "archive_audit_append_seconds");

        for (String gauge : GAUGES) {
            assertEquals("gauge", after.type(gauge).orElseThrow(), gauge);
            assertFalse(after.samples(gauge).isEmpty(), gauge + " has a sample");
            assertEquals(0, after.value("archive_metric_errors_total", "metric", gauge), gauge + " was read without errors");
        }
        assertTrue(after.value("archive_extraction_queue_items", "state", "PENDING") >= 0);
        assertTrue(after.value("archive_extraction_queue_items", "state", "RUNNING") >= 0);
        assertEquals(0, after.value("archive_import_rows_total", "outcome", "FAILED") - before.value("archive_import_rows_total", "outcome", "FAILED"));

        Set<String> nodes = after.samples().stream().map(sample -> sample.labels().get("node")).collect(Collectors.toSet());
        assertEquals(1, nodes.size(), "every sample names the one node it was read on: " + nodes);
        assertFalse(nodes.iterator().next() == null || nodes.iterator().next().isBlank(), nodes::toString);

        String text = anonymous().get("/metrics").text();
        for (String secret : List.of(dossierId, itemId, marker, dossier.get("title").asText(), clerk.username(), "鉴定报告")) {
            assertFalse(text.contains(secret), "the metrics name " + secret);
        }
    }

    @Test
    void extractionOutcomesAreCounted() {
        ApiClient clerk = Users.create("clerk", "INTERNAL", "理赔部", "CLERK");
        String dossierId = Dossiers.create(clerk, Dossiers.claim("意外险", "理赔部", "INTERNAL")).get("id").asText();
        double done = scrape().value("archive_extraction_outcomes_total", "outcome", "DONE");

        ApiClient.Reply upload = clerk.upload(dossierId, "门诊病历 右腕骨折".getBytes(StandardCharsets.UTF_8), "病历.txt",
                Dossiers.itemMetadata("病历", "CLAIM_APPLICATION"));
        assertEquals(201, upload.status(), upload::toString);
        Await.until(() -> clerk.get("/api/dossiers/" + dossierId).json(),
                d -> d.get("items").get(0).get("extraction").asText().equals("DONE"));

        // The outcome is counted once the worker's transaction has committed, a moment after the item shows DONE.
        Await.until(() -> ApiClient.JSON.valueToTree(scrape().value("archive_extraction_outcomes_total", "outcome", "DONE")),
                value -> value.asDouble() >= done + 1);
        PrometheusText after = scrape();
        for (String outcome : List.of("DONE", "FAILED", "UNSUPPORTED", "REQUEUED")) {
            assertEquals(1, after.samples("archive_extraction_outcomes_total", "outcome", outcome).size(), outcome);
        }
    }

    @Test
    void aRequestThroughAProxyIsRefused() {
        ApiClient.Reply reply = anonymous().get("/metrics", Map.of("X-Forwarded-For", "203.0.113.7", "Accept-Language", "en"));
        assertEquals(403, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertTrue(reply.json().get("detail").asText().contains("monitoring"), reply::toString);
        assertFalse(reply.text().contains("archive_"), reply::toString);

        ApiClient.Reply chinese = anonymous().get("/metrics", Map.of("Forwarded", "for=203.0.113.7"));
        assertEquals(403, chinese.status(), chinese::toString);
        assertTrue(chinese.json().get("detail").asText().contains("监控"), chinese::toString);
    }

    /** A scrape, with the content type Prometheus's text format 0.0.4 is served with. */
    private static PrometheusText scrape() {
        ApiClient.Reply reply = anonymous().get("/metrics");
        assertEquals(200, reply.status(), reply::toString);
        List<String> contentType = List.of(reply.contentType().toLowerCase(Locale.ROOT).replace(" ", "").split(";"));
        assertEquals("text/plain", contentType.get(0), reply.contentType());
        assertTrue(contentType.contains("version=0.0.4"), reply.contentType());
        assertTrue(contentType.contains("charset=utf-8"), reply.contentType());
        assertEquals("no-store", reply.header("Cache-Control"));
        return PrometheusText.parse(reply.text());
    }

    /** Buckets rise with their bounds, and the +Inf bucket holds every observation. */
    private static void assertHistogram(PrometheusText scraped, String name) {
        assertEquals("histogram", scraped.type(name).orElseThrow());
        List<PrometheusText.Sample> buckets = scraped.samples(name + "_bucket");
        assertTrue(buckets.size() >= 2, buckets::toString);
        double previousBound = Double.NEGATIVE_INFINITY;
        double previousCount = 0;
        for (PrometheusText.Sample bucket : buckets) {
            String le = bucket.labels().get("le");
            double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            assertTrue(bound > previousBound, "bounds ascend: " + buckets);
            assertTrue(bucket.value() >= previousCount, "cumulative: " + buckets);
            previousBound = bound;
            previousCount = bucket.value();
        }
        assertEquals(Double.POSITIVE_INFINITY, previousBound, "the last bucket is +Inf");
        assertEquals(scraped.value(name + "_count"), previousCount);
    }
}

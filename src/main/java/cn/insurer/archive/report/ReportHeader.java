package cn.insurer.archive.report;

import java.time.Instant;
import java.util.List;

/** What every generated register states about itself: what it is, when, by whom, for which filter. */
public record ReportHeader(String title, Instant generatedAt, String generatedBy, String filter,
                           List<ReportColumn> columns) {
}

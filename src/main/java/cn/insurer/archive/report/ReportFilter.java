package cn.insurer.archive.report;

import java.time.Instant;

/** The filter every register accepts: a time window (from inclusive, to exclusive) and an actor. */
public record ReportFilter(Instant from, Instant to, String actor) {

    String describe() {
        return "from=" + (from == null ? "-" : from) + " to=" + (to == null ? "-" : to) + " actor=" + (actor == null ? "-" : actor);
    }
}

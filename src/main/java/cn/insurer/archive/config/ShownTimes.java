package cn.insurer.archive.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times as people read them, on every page and in every generated document: to the minute, in
 * the archive's one zone ({@code ARCHIVE_TIME_ZONE}, Beijing time unless set), so a watermark,
 * a certificate and the page that lists them agree. Machine exports (CSV, the API) keep ISO instants.
 */
@ApplicationScoped
public class ShownTimes {

    public static final String PATTERN = "yyyy-MM-dd HH:mm";

    @Inject
    ArchiveSettings settings;

    public ZoneId zone() {
        return settings.timeZone();
    }

    public DateTimeFormatter formatter() {
        return DateTimeFormatter.ofPattern(PATTERN).withZone(zone());
    }

    public String format(Instant at) {
        return at == null ? "" : formatter().format(at);
    }
}

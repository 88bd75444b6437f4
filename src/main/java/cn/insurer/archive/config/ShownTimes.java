package cn.insurer.archive.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times as people read them, on every page and in every generated document: to the minute, in
 * the archive's one zone ({@code ARCHIVE_TIME_ZONE}, Beijing time unless set), so a watermark,
 * a certificate and the page that lists them agree. Registers in every format state their times in
 * the same zone (spreadsheets to the second); only the API keeps ISO-8601 UTC instants.
 */
@ApplicationScoped
public class ShownTimes {

    public static final String PATTERN = "yyyy-MM-dd HH:mm";
    /** Spreadsheet registers keep the second, so two events of one minute stay in order when sorted. */
    public static final String PRECISE_PATTERN = "yyyy-MM-dd HH:mm:ss";

    @Inject
    ArchiveSettings settings;

    public ZoneId zone() {
        return settings.timeZone();
    }

    public DateTimeFormatter formatter() {
        return toTheMinute(zone());
    }

    /** Times to the minute in {@code zone}, for documents drawn where the zone is handed in. */
    public static DateTimeFormatter toTheMinute(ZoneId zone) {
        return DateTimeFormatter.ofPattern(PATTERN).withZone(zone);
    }

    /** Times to the second in {@code zone}. */
    public static DateTimeFormatter toTheSecond(ZoneId zone) {
        return DateTimeFormatter.ofPattern(PRECISE_PATTERN).withZone(zone);
    }

    /** Times to the second, in the same zone, for CSV and XLSX registers. */
    public DateTimeFormatter preciseFormatter() {
        return toTheSecond(zone());
    }

    public String format(Instant at) {
        return at == null ? "" : formatter().format(at);
    }
}

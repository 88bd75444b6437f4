package cn.insurer.archive.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's clock. Retention depends on today's date, so tests move time forward through
 * an offset instead of sleeping; the offset can be changed only when the server was started with
 * {@code archive.clock.adjustable=true}, never in production.
 */
@ApplicationScoped
public class Clocks {

    @Inject
    @ConfigProperty(name = "archive.clock.adjustable", defaultValue = "false")
    boolean adjustable;

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private Clock clock;

    @PostConstruct
    void create() {
        clock = new OffsetClock(offset, ZoneOffset.UTC);
    }

    @Produces
    Clock clock() {
        return clock;
    }

    public boolean adjustable() {
        return adjustable;
    }

    public Duration offset() {
        return offset.get();
    }

    /** Returns false when the clock is fixed to real time. */
    public boolean shift(Duration newOffset) {
        if (!adjustable) {
            return false;
        }
        offset.set(newOffset);
        return true;
    }

    /** Real time plus the current offset, read on every call so that a shift reaches every holder. */
    private static final class OffsetClock extends Clock {

        private final AtomicReference<Duration> offset;
        private final ZoneId zone;

        OffsetClock(AtomicReference<Duration> offset, ZoneId zone) {
            this.offset = offset;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new OffsetClock(offset, newZone);
        }

        @Override
        public Instant instant() {
            // PostgreSQL keeps microseconds: an instant answered before it is stored reads back the same.
            return Instant.now().plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
        }
    }
}

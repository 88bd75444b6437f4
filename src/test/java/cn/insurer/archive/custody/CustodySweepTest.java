package cn.insurer.archive.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CustodySweepTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private static Duration untilNightly(String utc) {
        return CustodySweep.untilNightly(Clock.fixed(Instant.parse(utc), ZoneOffset.UTC), BEIJING);
    }

    @Test
    void theNightlyCheckRunsAtTwoInTheArchivesZoneWhateverTheServersZone() {
        assertEquals(Duration.ofHours(1), untilNightly("2026-03-01T17:00:00Z"), "01:00 in Beijing");
        assertEquals(Duration.ofHours(23), untilNightly("2026-03-01T19:00:00Z"), "03:00 in Beijing");
        assertEquals(Duration.ofDays(1), untilNightly("2026-03-01T18:00:00Z"), "02:00 in Beijing: tomorrow's, not now");
    }
}

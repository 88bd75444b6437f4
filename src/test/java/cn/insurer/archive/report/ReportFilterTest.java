package cn.insurer.archive.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.config.ShownTimes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReportFilterTest {

    private static final Function<Instant, String> SHANGHAI = ShownTimes.toTheMinute(ZoneId.of("Asia/Shanghai"))::format;

    @Test
    void statesThePeriodInTheArchivesTimeAndWhatTheReaderMaySee() {
        ReportFilter filter = new ReportFilter(Instant.parse("2026-01-31T16:00:00Z"), Instant.parse("2026-02-28T16:00:00Z"), "zhangsan")
                .confinedTo(new AccessPolicy.ReadScope(List.of(SecurityLevel.PUBLIC, SecurityLevel.INTERNAL), true, null), null);

        assertEquals("时间：2026-02-01 00:00 至 2026-03-01 00:00；操作人：zhangsan；密级：公开、内部；部门：全部",
                filter.describe(SHANGHAI));
    }

    @Test
    void saysUnlimitedForWhatWasNotAskedAndNothingBeforeTheReaderIsKnown() {
        ReportFilter filter = new ReportFilter(null, Instant.parse("2026-02-28T16:00:00Z"), " ");

        assertEquals("时间：不限 至 2026-03-01 00:00；操作人：不限；密级：无；部门：无", filter.describe(SHANGHAI));
        assertEquals("时间：不限；操作人：不限；密级：无；部门：无", new ReportFilter(null, null, null).describe(SHANGHAI));
    }
}

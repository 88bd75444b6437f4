package cn.insurer.archive.custody;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How custody checks treat objects that no item refers to. */
@ApplicationScoped
public class CustodySettings {

    @Inject
    @ConfigProperty(name = "archive.custody.orphan.grace.minutes", defaultValue = "60")
    int custodyOrphanGraceMinutes;

    @Inject
    @ConfigProperty(name = "archive.custody.orphan.collect.days", defaultValue = "30")
    int custodyOrphanCollectDays;

    /**
     * How old an unreferenced object must be before a custody check reports it: an upload stores
     * its object before the item row commits, and must not be reported in between.
     */
    public Duration custodyOrphanGrace() {
        return Duration.ofMinutes(custodyOrphanGraceMinutes);
    }

    /**
     * How long an object must have been reported as an orphan, with still no item referring to it,
     * before a custody check collects it: long enough for the archive manager to look into it.
     */
    public Duration custodyOrphanCollection() {
        return Duration.ofDays(custodyOrphanCollectDays);
    }
}

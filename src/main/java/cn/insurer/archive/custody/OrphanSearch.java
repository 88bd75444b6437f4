package cn.insurer.archive.custody;

import cn.insurer.archive.storage.ContentHash;
import cn.insurer.archive.storage.ListedObject;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Reports the listed content objects that no item refers to, a chunk at a time. Objects newer than
 * the grace period are left alone, since an upload stores its bytes before its item commits. An
 * orphan is only reported at first, so the archive manager can look into it; one first reported
 * longer ago than the collection period and still unreferenced is collected: its register row goes
 * in an audited transaction, then its bytes, unless an upload has claimed the same content since.
 */
@Named("custodyOrphanSearch")
@Dependent
public class OrphanSearch extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(OrphanSearch.class.getName());
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    @Inject
    JobContext job;

    @Inject
    ObjectStore objectStore;

    @Inject
    CustodyChecks checks;

    @Inject
    CustodySettings settings;

    @Inject
    Clock clock;

    @Override
    public void writeItems(List<Object> items) {
        UUID checkId = CustodyJob.checkId(job);
        Instant settled = checks.find(checkId).orElseThrow().startedAt().minus(settings.custodyOrphanGrace());
        Instant collectable = clock.instant().minus(settings.custodyOrphanCollection());
        List<ListedObject> settledObjects = items.stream().map(ListedObject.class::cast)
                .filter(object -> object.lastModified() == null || !object.lastModified().isAfter(settled))
                .toList();
        Set<String> referenced = checks.referenced(settledObjects.stream().map(object -> hashOf(object.key()))
                .filter(hash -> HEX64.matcher(hash).matches()).toList());
        List<ListedObject> unreferenced = settledObjects.stream()
                .filter(object -> !referenced.contains(hashOf(object.key()))).toList();
        Map<String, Instant> firstReported = checks.firstReportedOrphans(unreferenced.stream().map(ListedObject::key).toList());
        List<Finding> orphans = new ArrayList<>();
        for (ListedObject object : unreferenced) {
            Instant reported = firstReported.get(object.key());
            if (reported != null && !reported.isAfter(collectable) && HEX64.matcher(hashOf(object.key())).matches()) {
                collect(checkId, object);
            } else {
                orphans.add(new Finding(FindingKind.ORPHAN, null, null, object.key(), null, Long.toString(object.size())));
            }
        }
        checks.recordOrphans(checkId, orphans);
    }

    private void collect(UUID checkId, ListedObject object) {
        String hash = hashOf(object.key());
        if (checks.releaseOrphan(checkId, object.key(), hash, object.size()) && checks.unclaimed(hash)) {
            try {
                objectStore.remove(new ContentHash(hash));
            } catch (RuntimeException e) {
                // The register row is gone, so the next sweep finds the bytes again and retries.
                LOG.warning("Collected orphan " + object.key() + " could not be removed from the object store: " + e);
            }
        }
    }

    /** The hash a key claims to hold: what follows the last slash. */
    private static String hashOf(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}

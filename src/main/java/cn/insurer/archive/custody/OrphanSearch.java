package cn.insurer.archive.custody;

import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.storage.ListedObject;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Lists every content object in the bucket and reports those no item refers to. Orphans are only
 * reported: deleting bytes is a disposition decision, not something a check may do. Objects newer
 * than the grace period are left alone, since an upload stores its bytes before its item commits.
 */
@Named("custodyOrphanSearch")
@Dependent
public class OrphanSearch extends AbstractBatchlet {

    static final String PREFIX = "sha256/";
    private static final int PAGE = 1000;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    @Inject
    JobContext job;

    @Inject
    ObjectStore objectStore;

    @Inject
    CustodyChecks checks;

    @Inject
    ArchiveSettings settings;

    @Override
    public String process() {
        UUID checkId = CustodyJob.checkId(job);
        Instant settled = checks.find(checkId).orElseThrow().startedAt().minus(settings.custodyOrphanGrace());
        objectStore.forEachPage(PREFIX, PAGE, page -> {
            List<ListedObject> settledObjects = page.stream()
                    .filter(object -> object.lastModified() == null || !object.lastModified().isAfter(settled))
                    .toList();
            Set<String> referenced = checks.referenced(settledObjects.stream().map(object -> hashOf(object.key()))
                    .filter(hash -> HEX64.matcher(hash).matches()).toList());
            List<Finding> orphans = new ArrayList<>();
            for (ListedObject object : settledObjects) {
                if (!referenced.contains(hashOf(object.key()))) {
                    orphans.add(new Finding(FindingKind.ORPHAN, null, null, object.key(), null, Long.toString(object.size())));
                }
            }
            checks.recordOrphans(checkId, orphans);
        });
        return "COMPLETED";
    }

    /** The hash a key claims to hold: what follows the last slash. */
    private static String hashOf(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}

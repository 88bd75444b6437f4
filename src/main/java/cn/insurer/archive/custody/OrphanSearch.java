package cn.insurer.archive.custody;

import cn.insurer.archive.storage.ObjectStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Lists every content object in the bucket and reports those no item refers to. Orphans are only
 * reported: deleting bytes is a disposition decision, not something a check may do.
 */
@Named("custodyOrphanSearch")
@Dependent
public class OrphanSearch extends AbstractBatchlet {

    static final String PREFIX = "sha256/";
    private static final int BATCH = 1000;

    @Inject
    JobContext job;

    @Inject
    ObjectStore objectStore;

    @Inject
    CustodyChecks checks;

    @Override
    public String process() {
        UUID checkId = CustodyJob.checkId(job);
        List<String> keys = objectStore.list(PREFIX);
        for (int start = 0; start < keys.size(); start += BATCH) {
            List<String> batch = keys.subList(start, Math.min(keys.size(), start + BATCH));
            Set<String> referenced = checks.referenced(batch.stream().map(OrphanSearch::hashOf).toList());
            List<Finding> orphans = new ArrayList<>();
            for (String key : batch) {
                if (!referenced.contains(hashOf(key))) {
                    orphans.add(new Finding(FindingKind.ORPHAN, null, null, key, null, hashOf(key)));
                }
            }
            checks.recordOrphans(checkId, orphans);
        }
        return "COMPLETED";
    }

    /** The hash a key claims to hold; what follows the last slash. */
    private static String hashOf(String key) {
        return key.substring(key.lastIndexOf('/') + 1).replace(",", "").replace("{", "").replace("}", "").replace("\"", "");
    }
}

package cn.insurer.archive.custody;

import cn.insurer.archive.storage.ObjectStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the sweep's summary. A copy goes to the object store under its own hash before the
 * database records it, so a later rewrite of the database's copy does not go unnoticed.
 */
@Named("custodyCheckSummary")
@Dependent
public class CheckSummary extends AbstractBatchlet {

    static final String PREFIX = "custody/checks/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Clock clock;

    @Inject
    JobContext job;

    @Inject
    CustodyChecks checks;

    @Inject
    ObjectStore objectStore;

    @Override
    public String process() {
        UUID checkId = CustodyJob.checkId(job);
        CustodyCheck check = checks.find(checkId).orElseThrow();
        Map<FindingKind, Integer> counts = checks.counts(checkId);
        ObjectNode json = JSON.createObjectNode()
                .put("checkId", checkId.toString())
                .put("triggeredBy", check.triggeredBy())
                .put("startedAt", check.startedAt().toString())
                .put("finishedAt", clock.instant().toString())
                .put("objects", check.done())
                .put("bytesRead", check.bytesRead());
        ObjectNode findings = json.putObject("findings");
        counts.forEach((kind, count) -> findings.put(kind.name(), count));
        String summary = json.toString();
        byte[] bytes = summary.getBytes(StandardCharsets.UTF_8);
        String sha256 = HexFormat.of().formatHex(digest().digest(bytes));
        objectStore.putDocument(PREFIX + checkId + "-" + sha256 + ".json", bytes, "application/json");
        checks.complete(checkId, summary, sha256);
        return "COMPLETED";
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

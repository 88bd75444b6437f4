package cn.insurer.archive.custody;

import cn.insurer.archive.storage.ObjectStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
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
        JsonObjectBuilder findings = Json.createObjectBuilder();
        counts.forEach((kind, count) -> findings.add(kind.name(), count));
        String summary = Json.createObjectBuilder()
                .add("checkId", checkId.toString())
                .add("triggeredBy", check.triggeredBy())
                .add("startedAt", check.startedAt().toString())
                .add("finishedAt", clock.instant().toString())
                .add("objects", check.done())
                .add("bytesRead", check.bytesRead())
                .add("findings", findings)
                .build().toString();
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

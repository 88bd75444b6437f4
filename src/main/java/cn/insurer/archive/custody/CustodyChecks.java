package cn.insurer.archive.custody;

import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.dossier.ExtractionState;
import cn.insurer.archive.platform.Metrics;
import cn.insurer.archive.storage.ContentHash;
import cn.insurer.archive.storage.StoredObjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;
import java.time.Clock;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The custody checks' records: sweeps with their progress, findings and alerts. Chunk writes join
 * the batch runtime's chunk transaction, so progress, findings and the resume point commit together.
 */
@ApplicationScoped
public class CustodyChecks {

    private static final String CHECK_COLUMNS = "id, status, triggered_by, started_at, finished_at, total, done, "
            + "bytes_read, findings, summary_sha256, failure";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    StoredObjects storedObjects;

    @Inject
    AuditLog audit;

    /** Opens a sweep, or answers the one already running (with {@code created} false). */
    @Transactional
    public Opened open(AuditLog.Actor actor) {
        UUID id = UUID.randomUUID();
        int inserted = em.createNativeQuery("insert into custody_check (id, triggered_by, status, started_at, total) "
                        + "select ?1, ?2, 'RUNNING', ?3, (select count(distinct sha256) from item) on conflict do nothing")
                .setParameter(1, id).setParameter(2, actor.name()).setParameter(3, clock.instant()).executeUpdate();
        if (inserted == 0) {
            return new Opened(running().orElseThrow(), false);
        }
        audit.record(actor, CustodyAuditActions.CUSTODY_CHECK_STARTED, target(id), Outcome.SUCCESS, Map.of("checkId", id.toString()));
        return new Opened(id, true);
    }

    public record Opened(UUID id, boolean created) {
    }

    @Transactional
    public Optional<UUID> running() {
        return em.createNativeQuery("select id from custody_check where status = 'RUNNING'", UUID.class)
                .getResultStream().map(UUID.class::cast).findFirst();
    }

    /** Where a restarted sweep carries on: after the last object whose results were committed. */
    @Transactional
    public String resumePoint(UUID checkId) {
        return (String) em.createNativeQuery("select coalesce(last_key, '') from custody_check where id = ?1", String.class)
                .setParameter(1, checkId).getSingleResult();
    }

    /** The next objects referred to by items, in hash order, each with its items. */
    @Transactional
    public List<StoredContent> page(String afterSha256, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select i.sha256, s.size, i.id, i.dossier_id, i.file_name, i.media_type, "
                        + "i.extraction_state from item i join stored_object s on s.sha256 = i.sha256 "
                        + "where i.sha256 in (select distinct sha256 from item where sha256 > ?1 order by sha256 limit ?2) "
                        + "order by i.sha256, i.id")
                .setParameter(1, afterSha256).setParameter(2, size).getResultList();
        List<StoredContent> page = new ArrayList<>();
        String current = null;
        long currentSize = 0;
        List<StoredContent.Reference> items = new ArrayList<>();
        for (Object[] row : rows) {
            if (current != null && !current.equals(row[0])) {
                page.add(new StoredContent(current, currentSize, List.copyOf(items)));
                items.clear();
            }
            current = (String) row[0];
            currentSize = ((Number) row[1]).longValue();
            items.add(new StoredContent.Reference((UUID) row[2], (UUID) row[3], (String) row[4], (String) row[5],
                    ExtractionState.valueOf((String) row[6])));
        }
        if (current != null) {
            page.add(new StoredContent(current, currentSize, List.copyOf(items)));
        }
        return page;
    }

    @Transactional
    public void recordChunk(UUID checkId, List<CheckedContent> checked) {
        if (checked.isEmpty()) {
            return;
        }
        checked.forEach(content -> content.findings().forEach(finding -> insert(checkId, finding)));
        em.createNativeQuery("update custody_check set done = done + ?2, bytes_read = bytes_read + ?3, last_key = ?4, "
                        + "findings = (select count(*) from custody_finding where check_id = ?1) where id = ?1")
                .setParameter(1, checkId).setParameter(2, checked.size())
                .setParameter(3, checked.stream().mapToLong(CheckedContent::bytesRead).sum())
                .setParameter(4, checked.get(checked.size() - 1).sha256())
                .executeUpdate();
    }

    /**
     * Which of the hashes some item refers to. A join on the unnested hashes rather than
     * {@code = any(array)}: with stale statistics the latter can become a scan comparing every item
     * with every hash, under the database's collation.
     */
    @Transactional
    public Set<String> referenced(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Set.of();
        }
        List<?> found = em.createNativeQuery("select distinct i.sha256 from unnest(cast(?1 as varchar[])) as listed(sha256) "
                        + "join item i on i.sha256 = listed.sha256", String.class)
                .setParameter(1, "{" + String.join(",", hashes) + "}").getResultList();
        Set<String> result = new HashSet<>();
        found.forEach(hash -> result.add((String) hash));
        return result;
    }

    /** When each of these keys was first reported as an orphan, for those ever reported. */
    @Transactional
    public Map<String, Instant> firstReportedOrphans(Collection<String> keys) {
        Map<String, Instant> first = new HashMap<>();
        if (keys.isEmpty()) {
            return first;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select f.object_key, min(f.found_at) from unnest(cast(?1 as varchar[])) as listed(object_key) "
                        + "join custody_finding f on f.object_key = listed.object_key and f.kind = 'ORPHAN' group by f.object_key")
                .setParameter(1, "{" + String.join(",", keys) + "}").getResultList();
        rows.forEach(row -> first.put((String) row[0], instant(row[1])));
        return first;
    }

    /**
     * Releases an orphan's database register and records its collection, audited, unless an item
     * refers to the content again. It commits on its own, ahead of the chunk it belongs to, because
     * the caller removes the bytes right after it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean releaseOrphan(UUID checkId, String key, String sha256, long size) {
        if (!em.createNativeQuery("select 1 from item where sha256 = ?1").setParameter(1, sha256).setMaxResults(1)
                .getResultList().isEmpty()) {
            return false;
        }
        storedObjects.forget(new ContentHash(sha256));
        insert(checkId, new Finding(FindingKind.ORPHAN_COLLECTED, null, null, key, null, Long.toString(size)));
        audit.record(AuditLog.Actor.SYSTEM, CustodyAuditActions.CUSTODY_ORPHAN_COLLECTED, "object:" + key, Outcome.SUCCESS,
                Map.of("checkId", checkId.toString(), "size", size));
        return true;
    }

    /** An upload of the same bytes after the release registers the content anew; then it must stay. */
    @Transactional
    public boolean unclaimed(String sha256) {
        return !storedObjects.registered(new ContentHash(sha256));
    }

    @Transactional
    public void recordOrphans(UUID checkId, List<Finding> orphans) {
        orphans.forEach(finding -> insert(checkId, finding));
    }

    /**
     * Finishes a sweep with its summary; anything found raises an alert. Both are audited with the
     * summary's hash, which also names the copy kept in the object store.
     */
    @Transactional
    public void complete(UUID checkId, String summaryJson, String summarySha256) {
        Map<FindingKind, Integer> counts = counts(checkId);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        em.createNativeQuery("update custody_check set status = 'COMPLETED', finished_at = ?2, findings = ?3, "
                        + "summary = cast(?4 as jsonb), summary_sha256 = ?5 where id = ?1 and status = 'RUNNING'")
                .setParameter(1, checkId).setParameter(2, clock.instant()).setParameter(3, total)
                .setParameter(4, summaryJson).setParameter(5, summarySha256).executeUpdate();
        Map<String, Object> details = new LinkedHashMap<>();
        counts.forEach((kind, count) -> details.put(kind.name(), count));
        details.put("summarySha256", summarySha256);
        audit.record(AuditLog.Actor.SYSTEM, CustodyAuditActions.CUSTODY_CHECK_COMPLETED, target(checkId),
                total == 0 ? Outcome.SUCCESS : Outcome.FAILED, details);
        if (total > 0) {
            UUID alert = UUID.randomUUID();
            String summary = describe(counts);
            em.createNativeQuery("insert into custody_alert (id, check_id, raised_at, findings, summary) values (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, alert).setParameter(2, checkId).setParameter(3, clock.instant()).setParameter(4, total)
                    .setParameter(5, summary).executeUpdate();
            audit.record(AuditLog.Actor.SYSTEM, CustodyAuditActions.CUSTODY_ALERT_RAISED, "custody-alert:" + alert,
                    Outcome.SUCCESS, Map.of("checkId", checkId.toString(), "summary", summary));
        }
    }

    @Transactional
    public void fail(UUID checkId, String reason) {
        String shortened = reason == null ? "unknown" : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        int updated = em.createNativeQuery("update custody_check set status = 'FAILED', finished_at = ?2, failure = ?3 "
                        + "where id = ?1 and status = 'RUNNING'")
                .setParameter(1, checkId).setParameter(2, clock.instant()).setParameter(3, shortened).executeUpdate();
        if (updated > 0) {
            audit.record(AuditLog.Actor.SYSTEM, CustodyAuditActions.CUSTODY_CHECK_FAILED, target(checkId), Outcome.FAILED,
                    Map.of("reason", shortened));
        }
    }

    @Transactional
    public Map<FindingKind, Integer> counts(UUID checkId) {
        Map<FindingKind, Integer> counts = new EnumMap<>(FindingKind.class);
        for (FindingKind kind : FindingKind.values()) {
            counts.put(kind, 0);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select kind, count(*) from custody_finding where check_id = ?1 group by kind")
                .setParameter(1, checkId).getResultList();
        rows.forEach(row -> counts.put(FindingKind.valueOf((String) row[0]), ((Number) row[1]).intValue()));
        return counts;
    }

    @Transactional
    public Optional<CustodyCheck> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + CHECK_COLUMNS + " from custody_check where id = ?1")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(row -> new CustodyCheck((UUID) row[0], (String) row[1], (String) row[2],
                instant(row[3]), instant(row[4]), ((Number) row[5]).intValue(), ((Number) row[6]).intValue(),
                ((Number) row[7]).longValue(), ((Number) row[8]).intValue(), (String) row[9], (String) row[10]));
    }

    @Transactional
    public List<RecordedFinding> findings(UUID checkId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select kind, item_id, dossier_id, object_key, expected, actual, found_at "
                        + "from custody_finding where check_id = ?1 order by id")
                .setParameter(1, checkId).getResultList();
        return rows.stream().map(row -> new RecordedFinding(new Finding(FindingKind.valueOf((String) row[0]), (UUID) row[1],
                (UUID) row[2], (String) row[3], (String) row[4], (String) row[5]), instant(row[6]))).toList();
    }

    @Transactional
    public List<CustodyAlert> alerts() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, check_id, raised_at, findings, summary, acknowledged_by, "
                        + "acknowledged_at from custody_alert order by raised_at desc")
                .getResultList();
        return rows.stream().map(row -> new CustodyAlert((UUID) row[0], (UUID) row[1], instant(row[2]),
                ((Number) row[3]).intValue(), (String) row[4], (String) row[5], instant(row[6]))).toList();
    }

    /**
     * The findings, by kind, of the newest alert the archive manager has not acknowledged yet (an
     * alert stays open until then; a later sweep raises its own), every kind present, zero when no
     * alert is open. One query over the alert and its check's findings, bounded in time for the metrics.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<String, Long> openFindings() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (FindingKind kind : FindingKind.values()) {
            counts.put(kind.name(), 0L);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select kind, count(*) from custody_finding where check_id = "
                        + "(select check_id from custody_alert where acknowledged_at is null order by raised_at desc limit 1) "
                        + "group by kind")
                .setHint(Metrics.QUERY_TIMEOUT_HINT, Metrics.QUERY_TIMEOUT_MILLIS)
                .getResultList();
        rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** The archive manager has seen the alert; it stays listed, marked as acknowledged. */
    @Transactional
    public CustodyAlert acknowledge(AuditLog.Actor actor, UUID alertId) {
        CustodyAlert alert = alerts().stream().filter(candidate -> candidate.id().equals(alertId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("problem.custody.alert.unknown", alertId));
        int updated = em.createNativeQuery("update custody_alert set acknowledged_by = ?2, acknowledged_at = ?3 "
                        + "where id = ?1 and acknowledged_at is null")
                .setParameter(1, alertId).setParameter(2, actor.name()).setParameter(3, clock.instant()).executeUpdate();
        if (updated == 0) {
            throw ProblemException.conflict("problem.custody.alert.acknowledged", alert.acknowledgedBy());
        }
        audit.record(actor, CustodyAuditActions.CUSTODY_ALERT_ACKNOWLEDGED, "custody-alert:" + alertId, Outcome.SUCCESS,
                Map.of("checkId", alert.checkId().toString()));
        return alerts().stream().filter(candidate -> candidate.id().equals(alertId)).findFirst().orElseThrow();
    }

    private void insert(UUID checkId, Finding finding) {
        em.createNativeQuery("insert into custody_finding (check_id, kind, item_id, dossier_id, object_key, expected, actual, found_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict do nothing")
                .unwrap(NativeQuery.class)
                .setParameter(1, checkId).setParameter(2, finding.kind().name())
                .setParameter(3, finding.itemId(), UUID.class).setParameter(4, finding.dossierId(), UUID.class)
                .setParameter(5, finding.objectKey())
                .setParameter(6, finding.expected(), String.class).setParameter(7, finding.actual(), String.class)
                .setParameter(8, clock.instant()).executeUpdate();
    }

    static String describe(Map<FindingKind, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, count) -> parts.add(kind.name() + "=" + count));
        return String.join(", ", parts);
    }

    static String target(UUID checkId) {
        return "custody-check:" + checkId;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}

package cn.insurer.archive.ingest;

import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * The imports' records: each import with its progress, its rows and their outcomes, and its errors.
 * A row's outcome and the progress it adds commit in the transaction that files the row's item, so
 * after a crash every row is either wholly done or still pending.
 */
@ApplicationScoped
public class Imports {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Imports with their progress: what the manifest's reading counted plus what each slot has counted since. */
    private static final String RUNS = "select r.id, r.status, r.started_by, r.requested_from, r.source, r.location, "
            + "r.package_sha256, r.started_at, r.finished_at, r.manifest_read, r.total, r.done + coalesce(p.done, 0), "
            + "r.imported + coalesce(p.imported, 0), r.skipped + coalesce(p.skipped, 0), r.conflicts + coalesce(p.conflicts, 0), "
            + "r.failed + coalesce(p.failed, 0), r.bytes_read + coalesce(p.bytes_read, 0), r.failure "
            + "from import_run r left join lateral (select sum(done) as done, sum(imported) as imported, sum(skipped) as skipped, "
            + "sum(conflicts) as conflicts, sum(failed) as failed, sum(bytes_read) as bytes_read "
            + "from import_progress where import_id = r.id) p on true";

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public enum Source { ZIP, FOLDER }

    @Transactional
    public UUID open(AuditLog.Actor actor, Source source, String location, String packageSha256) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into import_run (id, status, started_by, requested_from, source, location, "
                        + "package_sha256, started_at) values (?1, 'RUNNING', ?2, ?3, ?4, ?5, ?6, ?7)")
                .unwrap(NativeQuery.class)
                .setParameter(1, id).setParameter(2, actor.name()).setParameter(3, actor.address(), String.class)
                .setParameter(4, source.name()).setParameter(5, location).setParameter(6, packageSha256, String.class)
                .setParameter(7, Instant.now(clock)).executeUpdate();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("importId", id.toString());
        details.put("source", source.name());
        details.put(source == Source.ZIP ? "sha256" : "folder", source == Source.ZIP ? packageSha256 : location);
        audit.record(actor, ImportAuditActions.IMPORT_STARTED, target(id), Outcome.SUCCESS, details);
        return id;
    }

    /** Imports the server was running when it stopped. */
    @Transactional
    public List<UUID> running() {
        return em.createNativeQuery("select id from import_run where status = 'RUNNING' order by started_at", UUID.class)
                .getResultStream().map(UUID.class::cast).toList();
    }

    @Transactional
    public Optional<ImportRun> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(RUNS + " where r.id = ?1")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(Imports::run);
    }

    /** A user's latest imports, newest first. */
    @Transactional
    public List<ImportRun> startedBy(String username, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(RUNS + " where r.started_by = ?1 "
                        + "order by r.started_at desc limit ?2")
                .setParameter(1, username).setParameter(2, limit).getResultList();
        return rows.stream().map(Imports::run).toList();
    }

    private static ImportRun run(Object[] row) {
        return new ImportRun((UUID) row[0], (String) row[1], (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], (String) row[6], instant(row[7]), instant(row[8]),
                (Boolean) row[9], number(row[10]), number(row[11]), number(row[12]), number(row[13]), number(row[14]),
                number(row[15]), ((Number) row[16]).longValue(), (String) row[17]);
    }

    /** The earlier imports of the same package, so a repeat can say that it is one. */
    @Transactional
    public List<UUID> samePackage(UUID id, String packageSha256) {
        if (packageSha256 == null) {
            return List.of();
        }
        return em.createNativeQuery("select id from import_run where package_sha256 = ?1 and id <> ?2 order by started_at", UUID.class)
                .setParameter(1, packageSha256).setParameter(2, id)
                .getResultStream().map(UUID.class::cast).toList();
    }

    /**
     * Stores the manifest's rows once, in one transaction: those already refused (bad path, listed
     * twice) with their outcome, the others pending, and the problems of the package as a whole.
     */
    @Transactional
    public void loadManifest(UUID id, List<ManifestRow> rows, Map<Integer, ImportProblem> refused, List<ImportProblem> problems) {
        for (ManifestRow row : rows) {
            ImportProblem refusal = refused.get(row.number());
            em.createNativeQuery("insert into import_row (import_id, row_number, path, fields, outcome, slot) "
                            + "values (?1, ?2, ?3, cast(?4 as jsonb), ?5, ?6) on conflict do nothing")
                    .unwrap(NativeQuery.class)
                    .setParameter(1, id).setParameter(2, row.number())
                    .setParameter(3, text(row.path(), 1000), String.class)
                    .setParameter(4, json(row.fields()))
                    .setParameter(5, refusal == null ? null : RowOutcome.FAILED.name(), String.class)
                    .setParameter(6, RowRequest.slot(row, ImportJob.SLOTS))
                    .executeUpdate();
        }
        refused.values().forEach(problem -> insertError(id, problem));
        problems.forEach(problem -> insertError(id, problem));
        em.createNativeQuery("update import_run set manifest_read = true, total = ?2, done = ?3, failed = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, rows.size()).setParameter(3, refused.size()).executeUpdate();
    }

    /** The next pending rows of a slot after the given row number, in manifest order. */
    @Transactional
    public List<PendingRow> pending(UUID id, int slot, int afterRow, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select row_number, path, cast(fields as text) from import_row "
                        + "where import_id = ?1 and slot = ?4 and outcome is null and row_number > ?2 order by row_number limit ?3")
                .setParameter(1, id).setParameter(2, afterRow).setParameter(3, size).setParameter(4, slot).getResultList();
        return rows.stream().map(row -> new PendingRow(number(row[0]), (String) row[1], fields((String) row[2]))).toList();
    }

    /**
     * Records a row's outcome and its share of the progress, on its slot's own progress row, in the
     * caller's transaction. Only a row still pending counts: a row is done exactly once, whatever
     * restarts happen around it. The bytes stay claimed; see {@link #reserve}.
     */
    @Transactional
    public void recordOutcome(UUID id, int row, RowOutcome outcome, UUID dossierId, UUID itemId, long bytes, ImportProblem problem) {
        int updated = em.createNativeQuery("with finished as (update import_row set outcome = ?3, dossier_id = ?4, item_id = ?5 "
                        + "where import_id = ?1 and row_number = ?2 and outcome is null returning slot) "
                        + "insert into import_progress as p (import_id, slot, done, imported, skipped, conflicts, failed, bytes_read) "
                        + "select ?1, slot, 1, ?6, ?7, ?8, ?9, ?10 from finished "
                        + "on conflict (import_id, slot) do update set done = p.done + 1, imported = p.imported + excluded.imported, "
                        + "skipped = p.skipped + excluded.skipped, conflicts = p.conflicts + excluded.conflicts, "
                        + "failed = p.failed + excluded.failed, bytes_read = p.bytes_read + excluded.bytes_read")
                .unwrap(NativeQuery.class)
                .setParameter(1, id).setParameter(2, row).setParameter(3, outcome.name())
                .setParameter(4, dossierId, UUID.class).setParameter(5, itemId, UUID.class)
                .setParameter(6, outcome == RowOutcome.IMPORTED ? 1 : 0)
                .setParameter(7, outcome == RowOutcome.SKIPPED_DUPLICATE ? 1 : 0)
                .setParameter(8, outcome == RowOutcome.CONFLICT ? 1 : 0)
                .setParameter(9, outcome == RowOutcome.FAILED ? 1 : 0)
                .setParameter(10, bytes).executeUpdate();
        if (updated == 0) {
            throw new IllegalStateException("row " + row + " of import " + id + " is not pending");
        }
        if (problem != null) {
            insertError(id, problem);
        }
    }

    /**
     * A failed row, in a transaction of its own: whatever the row began was rolled back, and the
     * bytes it had reserved are given back.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(UUID id, int row, ImportProblem problem, long reserved) {
        recordOutcome(id, row, RowOutcome.FAILED, null, null, 0, problem);
        if (reserved > 0) {
            em.createNativeQuery("update import_run set bytes_claimed = greatest(bytes_claimed - ?2, 0) where id = ?1")
                    .setParameter(1, id).setParameter(2, reserved).executeUpdate();
        }
    }

    /**
     * Claims a staged row's bytes against the package's total-size limit before it is filed, in a
     * short transaction of its own so that the other slots see the claim at once. False when the
     * bytes do not fit: what is claimed, by rows filed and rows in flight, never exceeds the limit.
     * A claim is given back only when its row fails ({@link #recordFailure}).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean reserve(UUID id, long bytes, long limit) {
        return em.createNativeQuery("update import_run set bytes_claimed = bytes_claimed + ?2 "
                        + "where id = ?1 and bytes_claimed + ?2 <= ?3")
                .setParameter(1, id).setParameter(2, bytes).setParameter(3, limit).executeUpdate() == 1;
    }

    /** Bytes already read or claimed by rows in flight. */
    @Transactional
    public long bytesClaimed(UUID id) {
        return ((Number) em.createNativeQuery("select bytes_claimed from import_run where id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
    }

    /** No row is in flight when an import starts or resumes: claims left by a crash are void, the rows done keep theirs. */
    @Transactional
    public void clearReservations(UUID id) {
        em.createNativeQuery("update import_run set bytes_claimed = bytes_read "
                        + "+ coalesce((select sum(bytes_read) from import_progress where import_id = ?1), 0) where id = ?1")
                .setParameter(1, id).executeUpdate();
    }

    /** Finishes an import, audited with its counts. */
    @Transactional
    public void complete(UUID id) {
        int updated = em.createNativeQuery("update import_run set status = 'COMPLETED', finished_at = ?2 "
                        + "where id = ?1 and status = 'RUNNING'")
                .setParameter(1, id).setParameter(2, Instant.now(clock)).executeUpdate();
        if (updated == 0) {
            return;
        }
        ImportRun run = find(id).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("total", run.total());
        details.put("imported", run.imported());
        details.put("skipped", run.skipped());
        details.put("conflicts", run.conflicts());
        details.put("failed", run.failed());
        audit.record(AuditLog.Actor.SYSTEM, ImportAuditActions.IMPORT_COMPLETED, target(id),
                run.failed() + run.conflicts() == 0 ? Outcome.SUCCESS : Outcome.FAILED, details);
    }

    @Transactional
    public void fail(UUID id, ImportProblem problem) {
        int updated = em.createNativeQuery("update import_run set status = 'FAILED', finished_at = ?2, failure = ?3 "
                        + "where id = ?1 and status = 'RUNNING'")
                .setParameter(1, id).setParameter(2, Instant.now(clock)).setParameter(3, text(problem.english(), 2000))
                .executeUpdate();
        if (updated > 0) {
            insertError(id, problem);
            audit.record(AuditLog.Actor.SYSTEM, ImportAuditActions.IMPORT_FAILED, target(id), Outcome.FAILED,
                    Map.of("reason", text(problem.english(), 1000)));
        }
    }

    @Transactional
    public int errorCount(UUID id) {
        return number(em.createNativeQuery("select count(*) from import_error where import_id = ?1")
                .setParameter(1, id).getSingleResult());
    }

    /** Errors in the manifest's order, whatever order rows were filed in: the package's own first, then by row. */
    @Transactional
    public List<ImportProblem> errors(UUID id, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select row_number, path, message_zh, message_en from import_error "
                        + "where import_id = ?1 order by row_number nulls first, id limit ?2")
                .setParameter(1, id).setParameter(2, limit).getResultList();
        List<ImportProblem> problems = new ArrayList<>();
        rows.forEach(row -> problems.add(new ImportProblem(row[0] == null ? null : number(row[0]), (String) row[1],
                (String) row[2], (String) row[3])));
        return problems;
    }

    @Transactional
    public void auditErrorsDownloaded(AuditLog.Actor actor, UUID id, int count) {
        audit.record(actor, ImportAuditActions.IMPORT_ERRORS_DOWNLOADED, target(id), Outcome.SUCCESS, Map.of("errors", count));
    }

    private void insertError(UUID id, ImportProblem problem) {
        em.createNativeQuery("insert into import_error (import_id, row_number, path, message_zh, message_en) "
                        + "values (?1, ?2, ?3, ?4, ?5)")
                .unwrap(NativeQuery.class)
                .setParameter(1, id).setParameter(2, problem.row(), Integer.class)
                .setParameter(3, text(problem.path(), 1000), String.class)
                .setParameter(4, text(problem.chinese(), 2000)).setParameter(5, text(problem.english(), 2000))
                .executeUpdate();
    }

    static String target(UUID id) {
        return "import:" + id;
    }

    /**
     * Text as the database takes it. Manifest rows with characters PostgreSQL refuses are refused
     * before they come here; should one slip through, it must not fail the transaction that
     * records the import's problems.
     */
    private static String text(String text, int max) {
        String storable = SafeText.storable(text);
        return storable == null || storable.length() <= max ? storable : storable.substring(0, max);
    }

    private static String json(Map<String, String> fields) {
        Map<String, String> storable = new LinkedHashMap<>();
        fields.forEach((field, value) -> storable.put(field, SafeText.storable(value)));
        try {
            return JSON.writeValueAsString(storable);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> fields(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : Instant.from((TemporalAccessor) value);
    }
}

package cn.insurer.archive.retention;

import cn.insurer.archive.access.AccessAuditActions;
import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.dossier.ChangeGuard;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierChanged;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.Purging;
import cn.insurer.archive.dossier.Sealing;
import cn.insurer.archive.config.ArchiveSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import cn.insurer.archive.storage.ContentHash;
import cn.insurer.archive.storage.ObjectStore;
import cn.insurer.archive.storage.StoredObjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Disposition batches (DESTROY, or TRANSFER as a BagIt package): proposal of due dossiers with an appraisal opinion, the archive manager's
 * approval and an auditor's co-signature by a different person, then execution that re-checks each
 * dossier (holds, due date) at that moment and skips, with the reason, whatever changed.
 */
@ApplicationScoped
public class Dispositions {

    private static final Logger LOG = Logger.getLogger(Dispositions.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    DossierRepository dossiers;

    @Inject
    RetentionSchedule schedule;

    @Inject
    Holds holds;

    @Inject
    AccessPolicy access;

    @Inject
    ChangeGuard guard;

    @Inject
    AuditLog audit;

    @Inject
    ObjectStore objectStore;

    @Inject
    Event<DossierChanged> changes;

    @Inject
    Clock clock;

    @Inject
    Sealing sealing;

    @Inject
    Purging purging;

    @Inject
    StoredObjects storedObjects;

    @Inject
    ArchiveSettings settings;

    /** This bean through its proxy, so that the database work commits before objects are removed. */
    @Inject
    Dispositions self;

    @Transactional
    public Disposition propose(AuditLog.Actor actor, User user, List<UUID> dossierIds, Disposition.Action action, String appraisal) {
        List<FieldError> errors = new ArrayList<>();
        if (dossierIds == null || dossierIds.isEmpty()) {
            errors.add(new FieldError("dossierIds", "validation.required"));
        }
        if (action == null) {
            errors.add(new FieldError("action", "validation.required"));
        }
        if (appraisal == null || appraisal.isBlank()) {
            errors.add(new FieldError("appraisal", "validation.required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        LocalDate today = schedule.today();
        List<DispositionEntry> entries = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(dossierIds)) {
            Dossier dossier = dossiers.findForFiling(id)
                    .orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", id));
            guard.requireChange(actor, user, dossier, Permission.DISPOSITION_PROPOSE.operation(), "dossier:" + id);
            RetentionDecision decision = schedule.decide(dossier);
            if (!decision.dueOn(today)) {
                throw ProblemException.conflict(Map.of("dossierId", id.toString(), "retentionState", decision.state().name()),
                        notDueReason(decision), dossier.businessKey(), decision.dispositionDate());
            }
            holds.requireNotHeld(id);
            List<?> open = em.createNativeQuery("select b.number from disposition_dossier e join disposition b on b.id = e.disposition_id "
                    + "where e.dossier_id = ?1 and b.status <> 'EXECUTED'").setParameter(1, id).getResultList();
            if (!open.isEmpty()) {
                throw ProblemException.conflict(Map.of("dossierId", id.toString()), "problem.disposition.already.proposed",
                        dossier.businessKey(), open.get(0));
            }
            entries.add(new DispositionEntry(id, dossier.archivalCode(), dossier.businessKey(), dossier.type().name(),
                    dossier.title(), dossier.department(), dossier.items().size(), dossier.contentFingerprint(),
                    highestOf(dossier), decision));
        }
        if (!access.canHandleBatch(user, highest(entries.stream().map(DispositionEntry::securityLevel).toList()))) {
            throw refused(actor, Permission.DISPOSITION_PROPOSE, "dossiers:" + entries.stream()
                    .map(e -> e.dossierId().toString()).collect(java.util.stream.Collectors.joining(",")), "clearance",
                    ProblemException.forbidden("problem.forbidden", Permission.DISPOSITION_PROPOSE.operation()));
        }
        Instant now = clock.instant();
        Disposition batch = new Disposition(nextNumber(now), action, appraisal.trim(), entries, actor.name(), now);
        em.persist(batch);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", action.name());
        details.put("dossiers", entries.stream().map(e -> e.dossierId().toString()).toList());
        details.put("appraisal", batch.appraisal());
        audit.record(actor, RetentionAuditActions.DISPOSITION_PROPOSED, target(batch.id()), Outcome.SUCCESS, details);
        return batch;
    }

    /** Why a dossier is not due, in the words of its retention state. */
    private static String notDueReason(RetentionDecision decision) {
        return switch (decision.state()) {
            case SCHEDULED -> "problem.disposition.not.due";
            case AWAITING_SEAL -> "problem.disposition.not.sealed";
            case PENDING_TRIGGER -> "problem.disposition.pending";
            case PERMANENT -> "problem.disposition.permanent";
        };
    }

    /**
     * The archive manager signs first; an auditor who is not that manager co-signs. Each signs what
     * the batch's dossiers hold at that moment: if that changed since the batch was shown, the
     * batch goes back to be signed again (that is committed) and the signature is refused.
     */
    public Disposition approve(AuditLog.Actor actor, User user, UUID id) {
        Step step = self.sign(actor, user, id);
        if (!step.changed().isEmpty()) {
            throw contentChanged(step.changed());
        }
        return step.batch();
    }

    /** A step of a batch: done, or not done because these dossiers' content changed and the batch went back. */
    public record Step(Disposition batch, List<DispositionEntry> changed) {
    }

    /** Its own transaction, so that sending the batch back commits while the request is refused. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Step sign(AuditLog.Actor actor, User user, UUID id) {
        Disposition batch = lock(id);
        requireHandling(actor, user, batch, Permission.DISPOSITION_APPROVE);
        if (batch.status() != Disposition.Status.PROPOSED && batch.status() != Disposition.Status.MANAGER_APPROVED) {
            throw ProblemException.conflict("problem.disposition.state", batch.status());
        }
        if (!batch.awaitsSignatureOf(user)) {
            // The rule lives in Disposition; here only which part of it the signer missed.
            if (batch.status() == Disposition.Status.PROPOSED) {
                throw refused(actor, Permission.DISPOSITION_APPROVE, target(id), "manager.first",
                        ProblemException.conflict("problem.disposition.manager.first"));
            }
            if (user.username().equals(batch.managerApprovedBy())) {
                throw refused(actor, Permission.DISPOSITION_APPROVE, target(id), "same.approver",
                        ProblemException.forbidden("problem.disposition.same.approver", batch.managerApprovedBy()));
            }
            throw refused(actor, Permission.DISPOSITION_APPROVE, target(id), "auditor.next",
                    ProblemException.conflict("problem.disposition.auditor.next"));
        }
        String role = (batch.status() == Disposition.Status.PROPOSED ? Role.ARCHIVE_MANAGER : Role.AUDITOR).name();
        List<DispositionEntry> changed = sendBackIfChanged(actor, batch, role);
        if (!changed.isEmpty()) {
            return new Step(batch, changed);
        }
        if (role.equals(Role.ARCHIVE_MANAGER.name())) {
            batch.approveAsManager(actor.name(), clock.instant());
        } else {
            batch.approveAsAuditor(actor.name(), clock.instant());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("as", role);
        details.put("content", contentOf(batch));
        audit.record(actor, RetentionAuditActions.DISPOSITION_APPROVED, target(id), Outcome.SUCCESS, details);
        return new Step(batch, List.of());
    }

    /**
     * Compares what each pending dossier holds with what the batch showed its signers. On any
     * change the batch goes back to PROPOSED without signatures, showing the content as it is now.
     */
    private List<DispositionEntry> sendBackIfChanged(AuditLog.Actor actor, Disposition batch, String step) {
        List<DispositionEntry> changed = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("step", step);
        details.put("status", batch.status().name());
        for (DispositionEntry entry : batch.entries()) {
            Dossier dossier = entry.outcome() == DispositionEntry.Outcome.PENDING
                    ? dossiers.findForFiling(entry.dossierId()).orElse(null) : null;
            if (dossier == null) {
                continue;
            }
            String now = dossier.contentFingerprint();
            if (!entry.holds(now)) {
                details.put("dossier:" + entry.dossierId(), entry.itemCount() + " -> " + dossier.items().size());
                entry.shownAgain(dossier.items().size(), now, highestOf(dossier));
                changed.add(entry);
            }
        }
        if (!changed.isEmpty()) {
            batch.sentBack();
            audit.record(actor, RetentionAuditActions.DISPOSITION_RETURNED, target(batch.id()), Outcome.DENIED, details);
        }
        return changed;
    }

    private static String contentOf(Disposition batch) {
        return batch.entries().stream().map(entry -> entry.dossierId() + "=" + entry.contentFingerprint())
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static ProblemException contentChanged(List<DispositionEntry> changed) {
        String named = changed.stream().map(DispositionEntry::label).collect(java.util.stream.Collectors.joining("、"));
        return ProblemException.conflict(Map.of("changed", changed.stream().map(DispositionEntry::label).toList()),
                "problem.disposition.content.changed", named);
    }

    /** Audits a refused step in its own transaction and returns the answer to throw. */
    private ProblemException refused(AuditLog.Actor actor, Permission permission, String target, String why,
                                     ProblemException answer) {
        audit.recordSeparately(actor, AccessAuditActions.ACCESS_DENIED, target, Outcome.DENIED,
                Map.of("operation", permission.operation(), "refusal", why));
        return answer;
    }

    /** Executes the batch, then removes the objects no remaining item refers to. */
    public Disposition execute(AuditLog.Actor actor, User user, UUID id) {
        Execution execution = self.executeRecords(actor, user, id);
        if (!execution.changed().isEmpty()) {
            throw contentChanged(execution.changed());
        }
        for (ContentHash hash : execution.unreferenced()) {
            try {
                if (!storedObjects.registered(hash)) {
                    objectStore.remove(hash);
                }
            } catch (RuntimeException e) {
                LOG.severe("Destroyed content " + hash + " of batch " + id + " could not be removed from the object store: " + e);
                self.keptInStore(actor, id, hash.hex(), String.valueOf(e.getMessage()));
            }
        }
        return self.find(id);
    }

    /** Bytes the store refused to delete: listed with the batch, which then gets no destruction certificate. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void keptInStore(AuditLog.Actor actor, UUID batchId, String hash, String reason) {
        String shortReason = reason.length() > 500 ? reason.substring(0, 500) : reason;
        em.createNativeQuery("insert into disposition_kept_content (disposition_id, sha256, reason, recorded_at) "
                        + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, batchId).setParameter(2, hash).setParameter(3, shortReason)
                .setParameter(4, java.sql.Timestamp.from(clock.instant())).executeUpdate();
        audit.record(actor, RetentionAuditActions.DESTROYED_CONTENT_KEPT, target(batchId), Outcome.FAILED,
                Map.of("sha256", hash, "reason", shortReason));
    }

    /** How many of the batch's objects the store still keeps. */
    @Transactional
    public long keptInStore(UUID batchId) {
        return ((Number) em.createNativeQuery("select count(*) from disposition_kept_content where disposition_id = ?1")
                .setParameter(1, batchId).getSingleResult()).longValue();
    }

    /**
     * What an execution left: the content hashes no remaining item refers to, or, when a dossier's
     * content changed since the signatures, nothing done and the batch sent back.
     */
    public record Execution(Set<ContentHash> unreferenced, List<DispositionEntry> changed) {
    }

    @Transactional
    public Execution executeRecords(AuditLog.Actor actor, User user, UUID id) {
        Disposition batch = lock(id);
        requireHandling(actor, user, batch, Permission.DISPOSITION_EXECUTE);
        if (batch.status() != Disposition.Status.APPROVED) {
            throw ProblemException.conflict("problem.disposition.state", batch.status());
        }
        // Items filed after the signatures were not seen by the signers: nothing is disposed of unseen.
        List<DispositionEntry> changed = sendBackIfChanged(actor, batch, "EXECUTE");
        if (!changed.isEmpty()) {
            return new Execution(Set.of(), changed);
        }
        LocalDate today = schedule.today();
        List<TransferPackage.Member> eligible = new ArrayList<>();
        List<DispositionEntry> eligibleEntries = new ArrayList<>();
        for (DispositionEntry entry : batch.entries()) {
            Dossier dossier = dossiers.findForFiling(entry.dossierId()).orElse(null);
            if (dossier == null) {
                skip(actor, batch, entry, "GONE");
                continue;
            }
            RetentionDecision decision = schedule.decide(dossier);
            entry.decided(decision);
            if (!holds.activeOn(entry.dossierId()).isEmpty()) {
                skip(actor, batch, entry, "ON_HOLD");
            } else if (!decision.dueOn(today)) {
                skip(actor, batch, entry, "NOT_DUE");
            } else {
                eligible.add(new TransferPackage.Member(dossier, sealing.events(dossier.id()), decision));
                eligibleEntries.add(entry);
            }
        }
        boolean transfer = batch.action() == Disposition.Action.TRANSFER;
        if (transfer && !eligible.isEmpty()) {
            // The package is stored before any row goes, so a failure here leaves every dossier in place.
            String key = "transfers/" + batch.id() + ".zip";
            batch.packaged(key, storePackage(batch, today, eligible, key));
        }
        Set<ContentHash> unreferenced = new LinkedHashSet<>();
        List<UUID> disposed = new ArrayList<>();
        for (int i = 0; i < eligible.size(); i++) {
            DispositionEntry entry = eligibleEntries.get(i);
            Dossier dossier = eligible.get(i).dossier();
            int items = dossier.items().size();
            // Kept on the tombstone: once the rows are gone it alone says who may see the batch and its package.
            SecurityLevel level = highestOf(dossier);
            unreferenced.addAll(destroy(entry.dossierId()));
            entry.disposed(items, level, transfer ? DispositionEntry.Outcome.TRANSFERRED : DispositionEntry.Outcome.DESTROYED);
            disposed.add(entry.dossierId());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("batch", batch.id().toString());
            details.put("archivalCode", entry.archivalCode());
            details.put("businessKey", entry.businessKey());
            details.put("rule", entry.ruleId());
            details.put("policyVersion", entry.policyVersion());
            details.put("items", items);
            details.put("package", batch.packageKey());
            audit.record(actor, transfer ? RetentionAuditActions.DOSSIER_TRANSFERRED : RetentionAuditActions.DOSSIER_DESTROYED,
                    "dossier:" + entry.dossierId(), Outcome.SUCCESS, details);
        }
        batch.executed(actor.name(), clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", batch.action().name());
        details.put("disposed", disposed.size());
        details.put("skipped", batch.entries().size() - disposed.size());
        audit.record(actor, RetentionAuditActions.DISPOSITION_EXECUTED, target(id), Outcome.SUCCESS, details);
        em.flush();
        // The destroyed dossiers' entities are stale now; observers must see that they are gone.
        em.clear();
        disposed.forEach(dossierId -> changes.fire(new DossierChanged(dossierId, null)));
        return new Execution(unreferenced, List.of());
    }

    private String storePackage(Disposition batch, LocalDate today, List<TransferPackage.Member> members, String key) {
        Path file = null;
        try {
            Files.createDirectories(settings.tempDir());
            file = Files.createTempFile(settings.tempDir(), "transfer-", ".zip");
            String sha256 = TransferPackage.write(batch.id(), batch.appraisal(), today, members, objectStore, file);
            objectStore.putFile(key, file, "application/zip");
            return sha256;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warning("cannot delete " + file + ": " + e);
                }
            }
        }
    }

    private void skip(AuditLog.Actor actor, Disposition batch, DispositionEntry entry, String reason) {
        entry.skipped(reason);
        audit.record(actor, RetentionAuditActions.DISPOSITION_SKIPPED, "dossier:" + entry.dossierId(), Outcome.SUCCESS,
                Map.of("batch", batch.id().toString(), "reason", reason));
    }

    /** Destroys the dossier (through its owner) and returns the content no other item refers to any more. */
    private List<ContentHash> destroy(UUID dossierId) {
        return purging.purge(dossierId);
    }

    /** The batch's number, for naming it where only its id was recorded (the audit trail). */
    @Transactional
    public java.util.Optional<String> number(UUID id) {
        return java.util.Optional.ofNullable(em.find(Disposition.class, id)).map(Disposition::number);
    }

    @Transactional
    public Disposition find(UUID id) {
        Disposition batch = em.find(Disposition.class, id);
        if (batch == null) {
            throw ProblemException.notFound("problem.disposition.unknown", id);
        }
        return batch;
    }

    public List<Disposition> list() {
        return em.createQuery("select d from Disposition d order by d.proposedAt desc", Disposition.class).getResultList();
    }

    /**
     * The batches the user may handle. Like the due list, which shows only dossiers the user reads,
     * a batch the user may not handle is left out rather than shown without its members.
     */
    @Transactional
    public List<Disposition> list(User user) {
        return list().stream().filter(batch -> mayHandle(user, batch)).toList();
    }

    /** The batch, for a user who may handle it; any other user's attempt is audited and refused. */
    @Transactional
    public Disposition find(AuditLog.Actor actor, User user, UUID id, Permission permission) {
        Disposition batch = find(id);
        requireHandling(actor, user, batch, permission);
        return batch;
    }

    /**
     * The batch whose transfer package the user takes: the package holds every original and the item
     * list of its dossiers, so taking it is audited as reading them, in the transaction that allowed it.
     */
    @Transactional
    public Disposition takePackage(AuditLog.Actor actor, User user, UUID id) {
        Disposition batch = find(actor, user, id, Permission.DISPOSITION_PACKAGE);
        if (batch.packageKey() == null) {
            throw ProblemException.conflict("problem.disposition.no.package", batch.action(), batch.status());
        }
        List<DispositionEntry> transferred = batch.entries().stream()
                .filter(entry -> entry.outcome() == DispositionEntry.Outcome.TRANSFERRED).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("batch", batch.id().toString());
        details.put("dossiers", transferred.size());
        details.put("items", transferred.stream().mapToInt(DispositionEntry::itemCount).sum());
        details.put("package", batch.packageKey());
        details.put("sha256", batch.packageSha256());
        audit.record(actor, RetentionAuditActions.TRANSFER_PACKAGE_DOWNLOADED, target(batch.id()), Outcome.SUCCESS, details);
        return batch;
    }

    /** Whether the user's clearance covers everything the batch disposes of (see AccessPolicy.canHandleBatch). */
    public boolean mayHandle(User user, Disposition batch) {
        return access.canHandleBatch(user, highestLevel(batch));
    }

    private void requireHandling(AuditLog.Actor actor, User user, Disposition batch, Permission permission) {
        if (!mayHandle(user, batch)) {
            throw refused(actor, permission, target(batch.id()), "clearance",
                    ProblemException.forbidden("problem.forbidden", permission.operation()));
        }
    }

    /**
     * The highest level among the batch's dossiers and items: as they stand now while a dossier
     * exists (an item may have been filed or reclassified since it was recorded), as recorded once
     * it is gone, and the highest of all when nothing was recorded.
     */
    SecurityLevel highestLevel(Disposition batch) {
        List<SecurityLevel> levels = new ArrayList<>();
        for (DispositionEntry entry : batch.entries()) {
            SecurityLevel now = currentLevel(entry.dossierId());
            if (now == null && entry.securityLevel() == null) {
                return SecurityLevel.values()[SecurityLevel.values().length - 1];
            }
            levels.add(now);
            levels.add(entry.securityLevel());
        }
        return highest(levels);
    }

    /** The highest level among a dossier and its items now, or null when the dossier is gone. */
    @SuppressWarnings("unchecked")
    private SecurityLevel currentLevel(UUID dossierId) {
        List<String> levels = em.createNativeQuery("select security_level from dossier where id = ?1 "
                + "union all select security_level from item where dossier_id = ?1").setParameter(1, dossierId).getResultList();
        return levels.isEmpty() ? null : highest(levels.stream().map(SecurityLevel::valueOf).toList());
    }

    private static SecurityLevel highestOf(Dossier dossier) {
        List<SecurityLevel> levels = new ArrayList<>();
        levels.add(dossier.securityLevel());
        dossier.items().forEach(item -> levels.add(item.securityLevel()));
        return highest(levels);
    }

    private static SecurityLevel highest(List<SecurityLevel> levels) {
        return levels.stream().filter(java.util.Objects::nonNull).max(Enum::compareTo).orElse(SecurityLevel.PUBLIC);
    }

    private Disposition lock(UUID id) {
        Disposition batch = em.find(Disposition.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (batch == null) {
            throw ProblemException.notFound("problem.disposition.unknown", id);
        }
        return batch;
    }

    static String target(UUID batchId) {
        return "disposition:" + batchId;
    }

    /** CZ-2026-000003: the year the batch is proposed in, in the archive's time zone, and a running number. */
    private String nextNumber(Instant at) {
        Object next = em.createNativeQuery("select nextval('disposition_number_seq')").getSingleResult();
        return String.format("CZ-%d-%06d", at.atZone(settings.timeZone()).getYear(), ((Number) next).longValue());
    }
}

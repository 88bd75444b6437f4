package cn.insurer.archive.audit;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** What auditors do with the trail: search it and prove it intact. */
@ApplicationScoped
public class AuditTrail {

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/ArchiveDS")
    DataSource dataSource;

    /** Verification's readers and hashers, on threads of their own. */
    @Resource(lookup = "java:jboss/ee/concurrency/executor/audit")
    ManagedExecutorService verifiers;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AuditLog audit;

    @Inject
    AuditSettings settings;

    /** Events of any of the targets, when there are any; a dossier's 保单号 can name several. */
    public record Filter(String actor, String action, List<String> targets, Instant from, Instant to, int page, int size) {

        public Filter(String actor, String action, String target, Instant from, Instant to, int page, int size) {
            this(actor, action, target == null ? List.of() : List.of(target), from, to, page, size);
        }
    }

    public record Page(long total, List<AuditEvent> events) {
    }

    @Transactional
    public Page search(AuditLog.Actor actor, Filter filter) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (filter.actor() != null) {
            conditions.add("e.actor = :actor");
            parameters.put("actor", filter.actor());
        }
        if (filter.action() != null) {
            conditions.add("e.action = :action");
            parameters.put("action", filter.action());
        }
        if (!filter.targets().isEmpty()) {
            conditions.add("e.target in :targets");
            parameters.put("targets", filter.targets());
        }
        if (filter.from() != null) {
            conditions.add("e.at >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("e.at < :to");
            parameters.put("to", filter.to());
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        TypedQuery<Long> count = em.createQuery("select count(e) from AuditEvent e" + where, Long.class);
        TypedQuery<AuditEvent> select = em.createQuery("select e from AuditEvent e" + where + " order by e.seq desc",
                AuditEvent.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        List<AuditEvent> events = select.setFirstResult(filter.page() * filter.size()).setMaxResults(filter.size())
                .getResultList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("filter", filter.toString());
        audit.record(actor, AuditAuditActions.AUDIT_QUERIED, null, Outcome.SUCCESS, details);
        return new Page(count.getSingleResult(), events);
    }

    /**
     * The changes recorded against some targets (a dossier and the items of it the reader may see),
     * newest first: a record's own history, shown with the record to whoever may read it. Reads of
     * the record are not changes and are not listed; the caller chooses which actions are.
     */
    @Transactional
    public List<AuditEvent> history(List<String> targets, List<String> actions, int limit) {
        if (targets.isEmpty() || actions.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select e from AuditEvent e where e.target in :targets and e.action in :actions "
                        + "and e.outcome = :success order by e.seq desc", AuditEvent.class)
                .setParameter("targets", targets).setParameter("actions", actions).setParameter("success", Outcome.SUCCESS)
                .setMaxResults(limit).getResultList();
    }

    /**
     * Recomputes the chain and compares it with the checkpoints; when it is intact, the current head
     * becomes a new checkpoint. The verification is itself audited. It runs outside any transaction:
     * its readers hold snapshot transactions of their own on connections of their own.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ChainVerification verify(AuditLog.Actor actor) {
        List<Checkpoint> known = checkpoints.all();
        ChainVerification result;
        try {
            result = ChainVerifier.verify(dataSource::getConnection, known, settings.verifyReaders(), verifiers);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail", e);
        }
        if (result.verified()) {
            checkpoints.write();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("verified", result.verified());
        details.put("events", result.events());
        details.put("firstBrokenSeq", result.firstBrokenSeq());
        details.put("reason", result.reason());
        audit.recordSeparately(actor, AuditAuditActions.AUDIT_VERIFIED, null,
                result.verified() ? Outcome.SUCCESS : Outcome.FAILED, details);
        return result;
    }
}

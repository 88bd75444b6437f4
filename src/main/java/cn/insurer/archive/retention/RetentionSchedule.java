package cn.insurer.archive.retention;

import cn.insurer.archive.access.ProtectedRecord;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierChanged;
import cn.insurer.archive.dossier.DossierPurged;
import cn.insurer.archive.dossier.DossierEvent;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.RetentionPeriod;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Keeps each dossier's retention decision current: recomputed and stored in the transaction of
 * every change to the dossier, its items or its events, so the due list never lags behind the
 * events that start the clocks.
 */
@ApplicationScoped
public class RetentionSchedule implements RetentionPeriod {

    @PersistenceContext
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    RetentionRules rules;

    @Inject
    Clock clock;

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public RetentionDecision decide(Dossier dossier) {
        return rules.calculator().decide(subject(dossier));
    }

    @Override
    public Optional<String> codeFor(Dossier dossier) {
        return rules.calculator().longestPeriod(subject(dossier))
                .map(rule -> rule.permanent() ? "Y" : String.format("D%02d", rule.years()));
    }

    private RetentionSubject subject(Dossier dossier) {
        List<RetentionSubject.Event> events = em.createQuery("select e from DossierEvent e where e.dossierId = :id",
                        DossierEvent.class).setParameter("id", dossier.id()).getResultStream()
                .map(e -> new RetentionSubject.Event(e.event(), e.date())).toList();
        List<RetentionSubject.Document> documents = latestDocuments(dossier.id());
        LocalDate sealedOn = dossier.sealedAt() == null ? null : dossier.sealedAt().atZone(ZoneOffset.UTC).toLocalDate();
        return new RetentionSubject(dossier.type(), dossier.policyStart(), dossier.policyEnd(),
                sealedOn, events, documents, keptUntil(dossier.id()));
    }

    /** The latest review date an appraisal kept the dossier until (延长保管), or null when never extended. */
    public LocalDate keptUntil(UUID dossierId) {
        return em.createQuery("select max(x.reviewDate) from RetentionExtension x where x.dossierId = :id", LocalDate.class)
                .setParameter("id", dossierId).getSingleResult();
    }

    /**
     * The latest dated item of each document type still filed (not withdrawn): a period runs from
     * the latest year, so the earlier items of a type change nothing, and a dossier of thousands of
     * items is summed up by the database instead of loaded each time one is filed. Without a
     * document date the upload date places the item in its fiscal year: it can only be later than
     * the real date, so the period it gives is never too short.
     */
    private List<RetentionSubject.Document> latestDocuments(UUID dossierId) {
        return em.createQuery("select i.documentType, max(i.documentDate), max(case when i.documentDate is null then i.createdAt end) "
                        + "from Item i where i.dossier.id = :id and i.withdrawnAt is null group by i.documentType", Object[].class)
                .setParameter("id", dossierId).getResultStream()
                .map(row -> new RetentionSubject.Document((String) row[0], later((LocalDate) row[1], (Instant) row[2])))
                .toList();
    }

    private static LocalDate later(LocalDate documentDate, Instant undatedUpload) {
        LocalDate uploaded = undatedUpload == null ? null : undatedUpload.atZone(ZoneOffset.UTC).toLocalDate();
        if (documentDate == null || (uploaded != null && uploaded.isAfter(documentDate))) {
            return uploaded;
        }
        return documentDate;
    }

    void onChange(@Observes DossierChanged change) {
        if (change.textOnly()) {
            return; // an item's text decides nothing here, and this runs for every extracted item
        }
        Deferral deferral = (Deferral) transactions.getResource(Deferral.class);
        if (deferral != null && deferral.open) {
            deferral.dossiers.add(change.dossierId());
            return;
        }
        decideNow(change.dossierId());
    }

    /**
     * Runs work that changes dossiers many times in this transaction (a batch of imported rows)
     * and decides each changed dossier once, after all of it, instead of after every change: a
     * decision depends only on the dossier as it stands, and the work does not read it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T decidingOnceAfter(Supplier<T> work) {
        Deferral deferral = new Deferral();
        transactions.putResource(Deferral.class, deferral);
        T result;
        try {
            result = work.get();
        } finally {
            deferral.open = false;
        }
        deferral.dossiers.forEach(this::decideNow);
        return result;
    }

    /** The dossiers changed while decisions wait for the end of the work. */
    private static final class Deferral {
        final Set<UUID> dossiers = new LinkedHashSet<>();
        boolean open = true;
    }

    private void decideNow(UUID dossierId) {
        Dossier dossier = em.find(Dossier.class, dossierId);
        if (dossier == null) {
            forget(dossierId);
            return;
        }
        store(dossier.id(), decide(dossier));
    }

    void onPurge(@Observes DossierPurged purged) {
        forget(purged.dossierId());
    }

    private void forget(UUID dossierId) {
        em.createNativeQuery("delete from dossier_retention where dossier_id = ?1").setParameter(1, dossierId).executeUpdate();
    }

    private void store(UUID dossierId, RetentionDecision decision) {
        em.createNativeQuery("insert into dossier_retention (dossier_id, rule_id, policy_version, trigger_event, trigger_date, "
                        + "disposition_date, state, action, rules_digest, computed_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, now()) "
                        + "on conflict (dossier_id) do update set rule_id = excluded.rule_id, policy_version = excluded.policy_version, "
                        + "trigger_event = excluded.trigger_event, trigger_date = excluded.trigger_date, "
                        + "disposition_date = excluded.disposition_date, state = excluded.state, action = excluded.action, "
                        + "rules_digest = excluded.rules_digest, computed_at = excluded.computed_at")
                .setParameter(1, dossierId)
                .setParameter(2, decision.ruleId())
                .setParameter(3, decision.policyVersion())
                .setParameter(4, decision.trigger().name())
                .setParameter(5, decision.triggerDate() == null ? null : Date.valueOf(decision.triggerDate()))
                .setParameter(6, decision.dispositionDate() == null ? null : Date.valueOf(decision.dispositionDate()))
                .setParameter(7, decision.state().name())
                .setParameter(8, decision.action().name())
                .setParameter(9, rules.digest())
                .executeUpdate();
    }

    /** Dossiers without a decision under the deployed policy files, a batch at a time. */
    @SuppressWarnings("unchecked")
    @Transactional
    public List<UUID> stale(int limit) {
        return em.createNativeQuery("select d.id from dossier d left join dossier_retention r on r.dossier_id = d.id "
                        + "where r.dossier_id is null or r.rules_digest <> ?1 limit ?2")
                .setParameter(1, rules.digest()).setParameter(2, limit).getResultList();
    }

    @Transactional
    public void recompute(List<UUID> dossierIds) {
        for (UUID id : dossierIds) {
            Dossier dossier = em.find(Dossier.class, id);
            if (dossier != null) {
                store(id, decide(dossier));
            }
        }
        em.flush();
        em.clear();
    }

    @Transactional
    public long countDueBefore(LocalDate before) {
        return ((Number) em.createNativeQuery("select count(*) from dossier_retention where state = 'SCHEDULED' and disposition_date < ?1")
                .setParameter(1, Date.valueOf(before)).getSingleResult()).longValue();
    }

    /** A scheduled dossier whose disposition date falls before a day, with the cases holding it. */
    public record Due(UUID dossierId, String archivalCode, String businessKey, String type, String title,
                      String department, String securityLevel, String ruleId, String policyVersion, String trigger,
                      LocalDate triggerDate, LocalDate dispositionDate, String action, boolean held, List<String> holds) {

        /** The row as the access rule sees it: its dossier's level and owning department. */
        public ProtectedRecord asProtected() {
            SecurityLevel level = SecurityLevel.valueOf(securityLevel);
            return new ProtectedRecord() {
                @Override
                public SecurityLevel securityLevel() {
                    return level;
                }

                @Override
                public String owningDepartment() {
                    return department;
                }
            };
        }
    }

    public List<Due> dueBefore(LocalDate before, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select d.id, d.archival_code, d.business_key, d.type, d.title, d.department, "
                        + "d.security_level, r.rule_id, r.policy_version, r.trigger_event, r.trigger_date, r.disposition_date, r.action, "
                        + "(select string_agg(h.case_reference, chr(31) order by h.placed_at) from legal_hold_dossier hd "
                        + "join legal_hold h on h.id = hd.hold_id where hd.dossier_id = d.id and h.status = 'ACTIVE') "
                        + "from dossier_retention r join dossier d on d.id = r.dossier_id "
                        + "where r.state = 'SCHEDULED' and r.disposition_date < ?1 order by r.disposition_date, r.dossier_id")
                .setParameter(1, Date.valueOf(before)).setMaxResults(limit).getResultList();
        return rows.stream().map(row -> new Due((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                (String) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8], (String) row[9],
                localDate(row[10]), localDate(row[11]), (String) row[12], row[13] != null,
                row[13] == null ? List.of() : List.of(((String) row[13]).split("\u001f")))).toList();
    }

    private static LocalDate localDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate date ? date : ((Date) value).toLocalDate();
    }
}

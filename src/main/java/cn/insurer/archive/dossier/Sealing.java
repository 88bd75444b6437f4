package cn.insurer.archive.dossier;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * 归档: checks a dossier against its completeness rule, fixes its archival year (for claims the
 * year the claim closed, so a matter spanning years files under its closing year), and gives it the
 * next archival code in the DA/T 22 shape 全宗号-门类代码·年度-保管期限代码-机构代码-件号, its retention
 * part the longest period the retention rules give the dossier (a claim holding a payment voucher
 * is D30, a one-year policy D05).
 */
@ApplicationScoped
public class Sealing {

    @Inject
    Clock clock;

    @Inject
    DossierRepository dossiers;

    @Inject
    FilePlan filePlan;

    @Inject
    ChangeGuard guard;

    @Inject
    RetentionPeriod retentionPeriod;

    @Inject
    AuditLog audit;

    @Inject
    Event<DossierChanged> changes;

    @Inject
    Event<DossierSealed> sealedEvents;

    @PersistenceContext
    EntityManager em;

    @Transactional
    public Dossier seal(AuditLog.Actor actor, User user, UUID id, String exceptionReason) {
        Dossier dossier = dossiers.findForFiling(id).orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", id));
        guard.requireChange(actor, user, dossier, Permission.DOSSIER_SEAL.operation(), Filing.target(id));
        if (dossier.status() == DossierStatus.SEALED) {
            throw ProblemException.conflict("problem.dossier.sealed", dossier.archivalCode());
        }
        List<String> missing = filePlan.requiredDocumentTypes(dossier.type(), dossier.productLine()).stream()
                .filter(type -> !dossier.documentTypes().contains(type)).toList();
        String reason = exceptionReason == null || exceptionReason.isBlank() ? null : exceptionReason.trim();
        if (!missing.isEmpty() && (reason == null || !Permission.DOSSIER_SEAL_INCOMPLETE.grantedTo(user))) {
            throw ProblemException.invalid("incomplete", Map.of("missing", missing), "problem.dossier.incomplete",
                    String.join(", ", missing));
        }
        int year = archivalYear(dossier);
        FilePlan.RecordClass recordClass = filePlan.recordClass(dossier.type()).orElseThrow();
        String organisation = filePlan.organisationCode(dossier.department());
        // The period the rules give the dossier as sealed; the class's own code only where no rule covers it.
        String retention = retentionPeriod.codeFor(dossier).orElse(recordClass.retentionCode());
        int number = nextNumber(filePlan.fondsCode(), recordClass.category(), year, retention, organisation);
        String code = String.format("%s-%s·%d-%s-%s-%04d", filePlan.fondsCode(), recordClass.category(), year,
                retention, organisation, number);
        dossier.seal(code, year, actor.name(), missing.isEmpty() ? null : reason, clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("archivalCode", code);
        details.put("archivalYear", year);
        details.put("recordClass", recordClass.code());
        details.put("retentionPeriod", retention);
        details.put("missing", missing.isEmpty() ? null : String.join(",", missing));
        details.put("exceptionReason", missing.isEmpty() ? null : reason);
        audit.record(actor, DossierAuditActions.DOSSIER_SEALED, Filing.target(id), Outcome.SUCCESS, details);
        changes.fire(new DossierChanged(id, null));
        sealedEvents.fire(new DossierSealed(id, code,
                dossier.items().stream().map(Item::contentHash).distinct().toList(), retentionYears(retention)));
        return dossier;
    }

    /** D10 is ten years; Y (permanent) is locked for a century, the longest a store sensibly holds a date. */
    private static int retentionYears(String code) {
        return code.startsWith("D") ? Integer.parseInt(code.substring(1)) : 100;
    }

    /** The years an archival code's retention part (its third part, D10 or Y) locks content for. */
    static int lockYears(String archivalCode) {
        String[] parts = archivalCode.split("-");
        return parts.length > 2 && parts[2].matches("D\\d+|Y") ? retentionYears(parts[2]) : 100;
    }

    public List<DossierEvent> events(UUID dossierId) {
        return em.createQuery("select e from DossierEvent e where e.dossierId = :id order by e.date, e.recordedAt", DossierEvent.class)
                .setParameter("id", dossierId).getResultList();
    }

    /** Claims file under the year they closed; policies under the year they started. */
    private int archivalYear(Dossier dossier) {
        if (dossier.type() == DossierType.CLAIM) {
            Optional<LocalDate> closed = events(dossier.id()).stream().filter(e -> e.event() == BusinessEvent.CLAIM_CLOSED)
                    .map(DossierEvent::date).reduce((first, last) -> last);
            return closed.orElseThrow(() -> ProblemException.invalid("claim-open",
                    Map.of("missing", List.of("CLAIM_CLOSED")), "problem.claim.not.closed")).getYear();
        }
        return dossier.businessYear();
    }

    /** Takes the next number under the counter row's lock; a rolled-back seal gives it back. */
    private int nextNumber(String fonds, String category, int year, String retention, String organisation) {
        Object number = em.createNativeQuery("insert into archival_counter (fonds, category, year, retention, organisation, last_number) "
                        + "values (?1, ?2, ?3, ?4, ?5, 1) on conflict (fonds, category, year, retention, organisation) "
                        + "do update set last_number = archival_counter.last_number + 1 returning last_number")
                .setParameter(1, fonds).setParameter(2, category).setParameter(3, year).setParameter(4, retention)
                .setParameter(5, organisation)
                .getSingleResult();
        return ((Number) number).intValue();
    }
}

package cn.insurer.archive.retention;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.User;
import cn.insurer.archive.api.FieldError;
import cn.insurer.archive.api.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Placing and releasing legal holds. Placing locks each dossier row as filing and disposition do,
 * so a hold and a destruction of the same dossier cannot pass each other unseen.
 */
@ApplicationScoped
public class Holds {

    @PersistenceContext
    EntityManager em;

    @Inject
    DossierRepository dossiers;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public LegalHold place(AuditLog.Actor actor, User user, String caseReference, String reason, List<UUID> dossierIds) {
        List<FieldError> errors = new ArrayList<>();
        if (caseReference == null || caseReference.isBlank()) {
            errors.add(new FieldError("caseReference", "validation.required"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "validation.required"));
        }
        if (dossierIds == null || dossierIds.isEmpty()) {
            errors.add(new FieldError("dossierIds", "validation.required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Set<UUID> ids = new LinkedHashSet<>(dossierIds);
        for (UUID id : ids) {
            dossiers.findForFiling(id).filter(d -> access.canRead(user, d))
                    .orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", id));
        }
        LegalHold hold = new LegalHold(caseReference.trim(), reason.trim(), ids, actor.name(), clock.instant());
        em.persist(hold);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caseReference", hold.caseReference());
        details.put("dossiers", ids.stream().map(UUID::toString).toList());
        audit.record(actor, RetentionAuditActions.HOLD_PLACED, target(hold.id()), Outcome.SUCCESS, details);
        return hold;
    }

    @Transactional
    public LegalHold release(AuditLog.Actor actor, UUID id, String comment) {
        if (comment == null || comment.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError("comment", "validation.required")));
        }
        LegalHold hold = find(id);
        hold.release(actor.name(), clock.instant(), comment.trim());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caseReference", hold.caseReference());
        details.put("comment", hold.releaseComment());
        audit.record(actor, RetentionAuditActions.HOLD_RELEASED, target(id), Outcome.SUCCESS, details);
        return hold;
    }

    public LegalHold find(UUID id) {
        LegalHold hold = em.find(LegalHold.class, id);
        if (hold == null) {
            throw ProblemException.notFound("problem.hold.unknown", id);
        }
        return hold;
    }

    public List<LegalHold> list(LegalHold.Status status) {
        return em.createQuery("select h from LegalHold h where (:status is null or h.status = :status) order by h.placedAt desc",
                LegalHold.class).setParameter("status", status).getResultList();
    }

    public List<LegalHold> activeOn(UUID dossierId) {
        return em.createQuery("select h from LegalHold h join h.dossierIds d where d = :id and h.status = :active "
                        + "order by h.placedAt", LegalHold.class)
                .setParameter("id", dossierId).setParameter("active", LegalHold.Status.ACTIVE).getResultList();
    }

    /** Refuses any change to a held dossier, naming the cases that hold it. */
    public void requireNotHeld(UUID dossierId) {
        List<LegalHold> holds = activeOn(dossierId);
        if (!holds.isEmpty()) {
            List<String> cases = holds.stream().map(LegalHold::caseReference).toList();
            throw ProblemException.conflict(Map.of("holds", cases), "problem.dossier.held", String.join(", ", cases));
        }
    }

    static String target(UUID holdId) {
        return "hold:" + holdId;
    }
}

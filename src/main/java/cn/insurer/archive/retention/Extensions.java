package cn.insurer.archive.retention;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.dossier.ChangeGuard;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierChanged;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * 延长保管: the archive manager, having appraised dossiers, keeps them until a review date instead
 * of destroying or transferring them. Keeping longer never breaks a rule, so one signature does;
 * each dossier's decision is audited with its previous and its new disposition date.
 */
@ApplicationScoped
public class Extensions {

    @PersistenceContext
    EntityManager em;

    @Inject
    DossierRepository dossiers;

    @Inject
    RetentionSchedule schedule;

    @Inject
    ChangeGuard guard;

    @Inject
    AuditLog audit;

    @Inject
    Event<DossierChanged> changes;

    @Inject
    Clock clock;

    /** One dossier kept longer: its disposition date before and after (null while pending or permanent). */
    public record Extended(UUID dossierId, String archivalCode, String businessKey, LocalDate previousDispositionDate,
                           RetentionDecision decision) {
    }

    @Transactional
    public List<Extended> extend(AuditLog.Actor actor, User user, List<UUID> dossierIds, LocalDate reviewDate, String appraisal) {
        List<FieldError> errors = new ArrayList<>();
        if (dossierIds == null || dossierIds.isEmpty()) {
            errors.add(new FieldError("dossierIds", "validation.required"));
        }
        if (reviewDate == null) {
            errors.add(new FieldError("reviewDate", "validation.required"));
        } else if (!reviewDate.isAfter(schedule.today())) {
            errors.add(new FieldError("reviewDate", "validation.review.date.future"));
        }
        String why = appraisal == null ? "" : appraisal.trim();
        if (why.isEmpty()) {
            errors.add(new FieldError("appraisal", "validation.required"));
        } else if (why.length() > RetentionExtension.MAX_APPRAISAL) {
            errors.add(new FieldError("appraisal", "validation.too.long", RetentionExtension.MAX_APPRAISAL));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        List<Extended> extended = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(dossierIds)) {
            // Locked as filing and disposition lock it, so an extension and a destruction cannot pass each other.
            Dossier dossier = dossiers.findForFiling(id).orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", id));
            guard.requireChangeOfKnown(actor, user, dossier, Permission.RETENTION_EXTEND.operation(), "dossier:" + id, id);
            LocalDate before = schedule.decide(dossier).dispositionDate();
            em.persist(new RetentionExtension(id, reviewDate, why, actor.name(), clock.instant()));
            em.flush();
            RetentionDecision after = schedule.decide(dossier);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reviewDate", reviewDate.toString());
            details.put("appraisal", why);
            details.put("previousDispositionDate", before == null ? null : before.toString());
            details.put("dispositionDate", after.dispositionDate() == null ? null : after.dispositionDate().toString());
            details.put("archivalCode", dossier.archivalCode());
            audit.record(actor, RetentionAuditActions.RETENTION_EXTENDED, "dossier:" + id, Outcome.SUCCESS, details);
            changes.fire(new DossierChanged(id, null));
            extended.add(new Extended(id, dossier.archivalCode(), dossier.businessKey(), before, after));
        }
        return extended;
    }
}

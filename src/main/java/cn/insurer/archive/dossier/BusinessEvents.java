package cn.insurer.archive.dossier;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.FieldError;
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
 * Business events start legal clocks: retention periods, and for claims the day personal data
 * becomes loan-only. Recording an event is the clerk's work; moving the date of one already
 * recorded is a correction, which only the archive manager makes, with a reason, on the record.
 * No date lies in the future. The API and the desk both record through here.
 */
@ApplicationScoped
public class BusinessEvents {

    static final int MAX_REASON = 1000;

    @Inject
    DossierRepository dossiers;

    @Inject
    ChangeGuard guard;

    @Inject
    Sealing sealing;

    @Inject
    AuditLog audit;

    @Inject
    Event<DossierChanged> changes;

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    /**
     * Records the event, or corrects the date of the one it repeats. Recording the same date again
     * changes nothing and answers the event as recorded.
     */
    @Transactional
    public DossierEvent record(AuditLog.Actor actor, User user, UUID id, BusinessEvent event, LocalDate date, String reason) {
        if (event == null || date == null) {
            throw ProblemException.invalid(List.of(new FieldError(event == null ? "event" : "date", "validation.required")));
        }
        // Locked, so two clerks recording at once cannot both record a first closing.
        Dossier dossier = dossiers.findForFiling(id).orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", id));
        String target = Filing.target(id);
        guard.requireChange(actor, user, dossier, Permission.DOSSIER_EVENT.operation(), target);
        if (!event.appliesTo(dossier.type())) {
            throw ProblemException.invalid(List.of(new FieldError("event", event == BusinessEvent.CLAIM_CLOSED
                    ? "validation.event.claim.only" : "validation.event.policy.only")));
        }
        List<DossierEvent> recorded = sealing.events(id);
        Optional<DossierEvent> repeated = repeated(recorded, event, date);
        boolean moves = repeated.isPresent() && !repeated.get().date().equals(date);
        if (moves && !Permission.DOSSIER_EVENT_CORRECT.grantedTo(user)) {
            Map<String, Object> asked = new LinkedHashMap<>();
            asked.put("event", event.name());
            asked.put("recordedDate", repeated.get().date().toString());
            asked.put("date", date.toString());
            throw guard.refuse(actor, Permission.DOSSIER_EVENT_CORRECT.operation(), target, asked,
                    ProblemException.forbidden("problem.event.correction.forbidden", repeated.get().date()));
        }
        if (date.isAfter(LocalDate.now(clock))) {
            throw ProblemException.invalid(List.of(new FieldError("date", "validation.event.future")));
        }
        if (repeated.isPresent() && !moves) {
            return repeated.get();
        }
        DossierEvent result = moves ? correct(actor, dossier, repeated.get(), date, reason) : first(actor, dossier, event, date);
        if (event == BusinessEvent.CLAIM_CLOSED) {
            em.flush();
            dossier.purposeEndedOn(sealing.events(id).stream().filter(e -> e.event() == BusinessEvent.CLAIM_CLOSED)
                    .map(DossierEvent::date).max(LocalDate::compareTo).orElse(date), clock.instant());
        }
        changes.fire(new DossierChanged(id, null));
        return result;
    }

    private DossierEvent first(AuditLog.Actor actor, Dossier dossier, BusinessEvent event, LocalDate date) {
        DossierEvent recorded = new DossierEvent(dossier.id(), event, date, actor.name(), clock.instant());
        em.persist(recorded);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("event", event.name());
        details.put("date", date.toString());
        audit.record(actor, DossierAuditActions.BUSINESS_EVENT_RECORDED, Filing.target(dossier.id()), Outcome.SUCCESS, details);
        return recorded;
    }

    private DossierEvent correct(AuditLog.Actor actor, Dossier dossier, DossierEvent recorded, LocalDate date, String reason) {
        String why = reason == null ? "" : reason.trim();
        if (why.isEmpty()) {
            throw ProblemException.invalid(List.of(new FieldError("reason", "validation.event.correction.reason")));
        }
        if (why.length() > MAX_REASON) {
            throw ProblemException.invalid(List.of(new FieldError("reason", "validation.too.long", MAX_REASON)));
        }
        LocalDate previous = recorded.date();
        recorded.moveTo(date);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("eventId", recorded.id().toString());
        details.put("event", recorded.event().name());
        details.put("previousDate", previous.toString());
        details.put("date", date.toString());
        details.put("reason", why);
        details.put("archivalCode", dossier.archivalCode());
        audit.record(actor, DossierAuditActions.BUSINESS_EVENT_CORRECTED, Filing.target(dossier.id()), Outcome.SUCCESS, details);
        return recorded;
    }

    /**
     * The recorded event that this one repeats, if any: the last of its kind. A dispute that closed
     * may open again, and one that reopened may close again; those are new events, not corrections,
     * when they are dated on or after the other half of the dispute.
     */
    static Optional<DossierEvent> repeated(List<DossierEvent> recorded, BusinessEvent event, LocalDate date) {
        int last = lastIndex(recorded, event);
        if (last < 0) {
            return Optional.empty();
        }
        BusinessEvent otherHalf = switch (event) {
            case DISPUTE_OPENED -> BusinessEvent.DISPUTE_CLOSED;
            case DISPUTE_CLOSED -> BusinessEvent.DISPUTE_OPENED;
            default -> null;
        };
        if (otherHalf != null) {
            int other = lastIndex(recorded, otherHalf);
            if (other > last && !date.isBefore(recorded.get(other).date())) {
                return Optional.empty();
            }
        }
        return Optional.of(recorded.get(last));
    }

    private static int lastIndex(List<DossierEvent> recorded, BusinessEvent event) {
        for (int i = recorded.size() - 1; i >= 0; i--) {
            if (recorded.get(i).event() == event) {
                return i;
            }
        }
        return -1;
    }
}

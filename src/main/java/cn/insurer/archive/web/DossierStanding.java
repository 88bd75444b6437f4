package cn.insurer.archive.web;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.User;
import cn.insurer.archive.dossier.DossierLookup;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.Sealing;
import cn.insurer.archive.retention.Holds;
import cn.insurer.archive.retention.RetentionDecision;
import cn.insurer.archive.retention.RetentionSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a dossier stands in its life, for its page: the business events recorded on it and the
 * retention decision they lead to (rule, state, disposition date, a review date an appraisal set,
 * whether a hold freezes it) and the other dossiers of its policy. Only for a reader of the dossier,
 * like the page itself; related dossiers only as far as the reader may read them.
 */
@ApplicationScoped
public class DossierStanding {

    @Inject
    DossierRepository dossiers;

    @Inject
    AccessPolicy access;

    @Inject
    Sealing sealing;

    @Inject
    RetentionSchedule schedule;

    @Inject
    Holds holds;

    @Inject
    DossierLookup lookup;

    public record EventLine(String event, LocalDate date, String recordedBy) implements Serializable {
    }

    public record RetentionLine(String ruleId, String state, String trigger, LocalDate triggerDate, LocalDate dispositionDate,
                                LocalDate keptUntil, boolean held) implements Serializable {
    }

    /** Another dossier of the same policy, by the number that names it alone (档号 once sealed, else 业务号). */
    public record RelatedLine(UUID id, String type, String number, String title) implements Serializable {
    }

    public record Standing(List<EventLine> events, RetentionLine retention, List<RelatedLine> related) implements Serializable {
    }

    @Transactional
    public Optional<Standing> of(User user, UUID dossierId) {
        return dossiers.find(dossierId).filter(dossier -> access.canRead(user, dossier)).map(dossier -> {
            List<EventLine> events = sealing.events(dossier.id()).stream()
                    .map(event -> new EventLine(event.event().name(), event.date(), event.recordedBy())).toList();
            RetentionDecision decision = schedule.decide(dossier);
            LocalDate keptUntil = schedule.keptUntil(dossier.id());
            List<RelatedLine> related = lookup.related(user, dossier).stream().map(other -> new RelatedLine(other.id(),
                    other.type().name(), DossierLookup.uniqueNumber(other), other.title())).toList();
            return new Standing(events, new RetentionLine(decision.ruleId(), decision.state().name(), decision.trigger().name(),
                    decision.triggerDate(), decision.dispositionDate(), keptUntil, !holds.activeOn(dossier.id()).isEmpty()), related);
        });
    }
}

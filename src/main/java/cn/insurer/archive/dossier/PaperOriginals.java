package cn.insurer.archive.dossier;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Keeps track of where each dossier's paper original is, so ORIGINAL loans know what to fetch. */
@ApplicationScoped
public class PaperOriginals {

    @Inject
    Clock clock;

    @Inject
    DossierRepository dossiers;

    @Inject
    ChangeGuard guard;

    @Inject
    AuditLog audit;

    /** Records the location from its parts as typed; each is required, since a fetch needs all three. */
    @Transactional
    public Dossier locate(AuditLog.Actor actor, User user, UUID id, String room, String shelf, String box) {
        return locate(actor, user, id, PaperLocation.of(room, shelf, box));
    }

    private Dossier locate(AuditLog.Actor actor, User user, UUID id, PaperLocation location) {
        Dossier dossier = dossiers.find(id).orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", id));
        guard.requireChange(actor, user, dossier, Permission.DOSSIER_LOCATION.operation(), Filing.target(id));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("previous", dossier.paperLocation().map(PaperLocation::describe).orElse(null));
        details.put("room", location.room());
        details.put("shelf", location.shelf());
        details.put("box", location.box());
        dossier.locate(location, clock.instant());
        audit.record(actor, DossierAuditActions.PAPER_LOCATION_RECORDED, Filing.target(id), Outcome.SUCCESS, details);
        dossier.items().forEach(Item::dossier);
        return dossier;
    }
}

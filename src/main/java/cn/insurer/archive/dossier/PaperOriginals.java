package cn.insurer.archive.dossier;

import cn.insurer.archive.access.AccessAuditActions;
import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.User;
import cn.insurer.archive.api.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Keeps track of where each dossier's paper original is, so ORIGINAL loans know what to fetch. */
@ApplicationScoped
public class PaperOriginals {

    @Inject
    DossierRepository dossiers;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Transactional
    public Dossier locate(AuditLog.Actor actor, User user, UUID id, PaperLocation location) {
        Dossier dossier = dossiers.find(id).orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", id));
        if (!access.canRead(user, dossier)) {
            audit.recordSeparately(actor, AccessAuditActions.ACCESS_DENIED, Filing.target(id), Outcome.DENIED,
                    Map.of("operation", "dossier.location"));
            throw ProblemException.forbidden("problem.forbidden", "dossier.location");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("previous", dossier.paperLocation().map(PaperLocation::describe).orElse(null));
        details.put("room", location.room());
        details.put("shelf", location.shelf());
        details.put("box", location.box());
        dossier.locate(location);
        audit.record(actor, DossierAuditActions.PAPER_LOCATION_RECORDED, Filing.target(id), Outcome.SUCCESS, details);
        dossier.items().forEach(Item::dossier);
        return dossier;
    }
}

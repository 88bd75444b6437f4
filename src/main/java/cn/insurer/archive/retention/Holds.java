package cn.insurer.archive.retention;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.dossier.ChangeGuard;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierLookup;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.HoldCheck;
import cn.insurer.archive.search.SearchRequest;
import cn.insurer.archive.search.Searching;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
public class Holds implements HoldCheck {

    @PersistenceContext
    EntityManager em;

    @Inject
    DossierRepository dossiers;

    @Inject
    ChangeGuard guard;

    @Inject
    DossierLookup lookup;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Searching searching;

    @Inject
    Event<Changed> changed;

    /** A saved search as a hold's scope: its query text and optional filters. */
    public record SearchScope(String q, Set<String> types, Set<String> productLines) {

        String describe() {
            return "q=" + q + (types.isEmpty() ? "" : " type=" + String.join(",", types))
                    + (productLines.isEmpty() ? "" : " productLine=" + String.join(",", productLines));
        }
    }

    /**
     * Places a hold on dossiers named by any number people know them by (档号, 业务号, 保单号,
     * 赔案号 or the internal id; one dossier each, see {@link DossierLookup#one}) and on every dossier a saved search finds now with every one
     * of its words (not what merely shares a word and ranks below), as far as
     * the placer may read. The search's results are fixed at placement, so the hold's scope is what
     * was listed, whatever is filed later.
     */
    @Transactional
    public LegalHold place(AuditLog.Actor actor, User user, String caseReference, String reason, List<String> references,
                           SearchScope search) {
        List<String> named = references == null ? List.of() : references.stream().filter(d -> d != null && !d.isBlank()).toList();
        List<FieldError> errors = new ArrayList<>();
        if (caseReference == null || caseReference.isBlank()) {
            errors.add(new FieldError("caseReference", "validation.required"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "validation.required"));
        }
        boolean searched = search != null && search.q() != null && !search.q().isBlank();
        if (named.isEmpty() && !searched) {
            errors.add(new FieldError("dossierIds", "validation.required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Set<UUID> ids = new LinkedHashSet<>(lookup.ids(user, named));
        if (searched) {
            ids.addAll(found(actor, user, search));
            if (ids.isEmpty()) {
                throw ProblemException.invalid(List.of(new FieldError("query", "validation.hold.search.empty")));
            }
        }
        for (UUID id : ids) {
            Dossier dossier = dossiers.findForFiling(id).orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", id));
            guard.requireChangeOfKnown(actor, user, dossier, Permission.HOLD_PLACE.operation(), "dossier:" + id, id);
        }
        LegalHold hold = new LegalHold(caseReference.trim(), reason.trim(), ids, searched ? search.describe() : null,
                actor.name(), clock.instant());
        em.persist(hold);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caseReference", hold.caseReference());
        details.put("dossiers", ids.stream().map(UUID::toString).toList());
        details.put("search", hold.scopeQuery());
        audit.record(actor, RetentionAuditActions.HOLD_PLACED, target(hold.id()), Outcome.SUCCESS, details);
        changed.fire(new Changed(ids));
        return hold;
    }

    private Set<UUID> found(AuditLog.Actor actor, User user, SearchScope search) {
        Set<UUID> found = new LinkedHashSet<>();
        int pages = SearchRequest.MAX_WINDOW / SearchRequest.MAX_SIZE;
        for (int page = 0; page < pages; page++) {
            Searching.Results result = searching.search(actor, user, SearchRequest.builder().q(search.q().trim())
                    .types(search.types()).productLines(search.productLines()).everyWord().page(page).size(SearchRequest.MAX_SIZE).build());
            // Dossiers shown by title only, outside the placer's reading, are not theirs to hold.
            result.hits().stream().filter(shown -> !shown.restricted()).forEach(shown -> found.add(shown.hit().dossierId()));
            if (result.hits().size() < SearchRequest.MAX_SIZE) {
                break;
            }
        }
        return found;
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
        changed.fire(new Changed(Set.copyOf(hold.dossierIds())));
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

    /**
     * Refuses any change to a held dossier. The refusal says that it is held, not by which cases:
     * case references and reasons are for readers of holds, and a clerk filing or an import's error
     * report would otherwise carry them to anyone.
     */
    @Override
    public void requireNotHeld(UUID dossierId) {
        List<LegalHold> holds = activeOn(dossierId);
        if (!holds.isEmpty()) {
            throw ProblemException.conflict(Map.of("holdCount", holds.size()), "problem.dossier.held");
        }
    }

    /** Fired when a hold is placed or released, for the object store's legal holds on the dossiers' content. */
    public record Changed(Set<UUID> dossierIds) {
    }

    static String target(UUID holdId) {
        return "hold:" + holdId;
    }
}

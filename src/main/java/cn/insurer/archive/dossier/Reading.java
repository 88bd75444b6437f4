package cn.insurer.archive.dossier;

import cn.insurer.archive.access.AccessAuditActions;
import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.Grant;
import cn.insurer.archive.access.ProtectedRecord;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading dossiers, items, content and text, each through the access decision. Unknown ids answer
 * 404; known ones the caller may not read answer 403, and the refusal is audited. Content and text
 * reads are audited in the same transaction that authorises them.
 */
@ApplicationScoped
public class Reading {

    @Inject
    DossierRepository dossiers;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @PersistenceContext
    EntityManager em;

    @Transactional
    public Dossier dossier(AuditLog.Actor actor, User user, UUID id) {
        Dossier dossier = dossiers.find(id).orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", id));
        requireRead(actor, user, dossier, "dossier.read", Filing.target(id));
        dossier.items().forEach(Item::dossier);
        return dossier;
    }

    @Transactional
    public Item item(AuditLog.Actor actor, User user, UUID id) {
        Item item = dossiers.findItem(id).orElseThrow(() -> ProblemException.notFound("problem.item.unknown", id));
        requireRead(actor, user, item, "item.read", itemTarget(id));
        return item;
    }

    /** An authorised content read: the item, and the loan it is read under when the reader's own standing does not reach it. */
    public record ContentRead(Item item, Optional<Grant> loan) {
    }

    /**
     * Authorises and audits a content download; the caller then streams the object, or, under a
     * loan, a watermarked copy of it, never the original.
     */
    @Transactional
    public ContentRead contentRead(AuditLog.Actor actor, User user, UUID id) {
        Item item = dossiers.findItem(id).orElseThrow(() -> ProblemException.notFound("problem.item.unknown", id));
        Optional<Grant> loan = requireRead(actor, user, item, "item.content", itemTarget(id));
        Map<String, Object> details = details(item);
        loan.ifPresent(grant -> details.put("loan", grant.loanNumber()));
        audit.record(actor, DossierAuditActions.CONTENT_READ, itemTarget(id), Outcome.SUCCESS, details);
        return new ContentRead(item, loan);
    }

    @Transactional
    public String textRead(AuditLog.Actor actor, User user, UUID id) {
        Item item = dossiers.findItem(id).orElseThrow(() -> ProblemException.notFound("problem.item.unknown", id));
        Optional<Grant> loan = requireRead(actor, user, item, "item.text", itemTarget(id));
        if (item.extractionState() != ExtractionState.DONE) {
            throw ProblemException.conflict(Map.of("extraction", item.extractionState().name()),
                    "problem.text.unavailable", item.extractionState(),
                    item.extractionReason() == null ? "" : item.extractionReason());
        }
        ItemText text = em.find(ItemText.class, id);
        Map<String, Object> details = details(item);
        loan.ifPresent(grant -> details.put("loan", grant.loanNumber()));
        audit.record(actor, DossierAuditActions.TEXT_READ, itemTarget(id), Outcome.SUCCESS, details);
        return text == null ? "" : text.content();
    }

    /** Passes by the reader's own standing (empty) or by a loan in force (the loan); otherwise audits and refuses. */
    private Optional<Grant> requireRead(AuditLog.Actor actor, User user, ProtectedRecord record, String operation, String target) {
        if (access.byStanding(user, record)) {
            return Optional.empty();
        }
        Optional<Grant> loan = access.grantFor(user, record);
        if (loan.isEmpty()) {
            audit.recordSeparately(actor, AccessAuditActions.ACCESS_DENIED, target, Outcome.DENIED,
                    Map.of("operation", operation));
            throw ProblemException.forbidden("problem.forbidden", operation);
        }
        return loan;
    }

    private static Map<String, Object> details(Item item) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dossierId", item.dossierId().toString());
        details.put("sha256", item.sha256());
        details.put("securityLevel", item.securityLevel().name());
        return details;
    }

    static String itemTarget(UUID id) {
        return "item:" + id;
    }
}

package cn.insurer.archive.dossier;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Before a dossier is sealed, the clerk corrects what was typed for an item: its title, document
 * type, date and personal-data mark. Each change is audited with the value it replaced, in the same
 * transaction, and the item is indexed again. Once sealed, the item list is fixed.
 */
@ApplicationScoped
public class ItemCorrections {

    @Inject
    DossierRepository dossiers;

    @Inject
    ChangeGuard guard;

    @Inject
    HoldCheck holds;

    @Inject
    ItemRules rules;

    @Inject
    AuditLog audit;

    @Inject
    Event<DossierChanged> changes;

    /** The new particulars; a null field keeps what the item has. */
    public record Correction(String title, String documentType, LocalDate documentDate, Boolean personalData,
                             String reason) {
    }

    @Transactional
    public Item correct(AuditLog.Actor actor, User user, UUID itemId, Correction correction) {
        Item item = dossiers.findItem(itemId)
                .orElseThrow(() -> ProblemException.notFound("problem.item.unknown", itemId));
        guard.requireChange(actor, user, item, Permission.ITEM_CORRECT.operation(), "item:" + itemId);
        Dossier dossier = item.dossier();
        if (dossier.status() == DossierStatus.SEALED) {
            throw ProblemException.conflict("problem.item.sealed", dossier.archivalCode());
        }
        holds.requireNotHeld(dossier.id());
        String title = correction.title() == null ? item.title() : correction.title().strip();
        String documentType = correction.documentType() == null ? item.documentType() : correction.documentType().strip();
        LocalDate documentDate = correction.documentDate() == null ? item.documentDate() : correction.documentDate();
        boolean personalData = correction.personalData() == null ? item.personalData() : correction.personalData();
        rules.checkTitle(title, "title");
        rules.checkDocumentType(dossier, documentType, "documentType");
        rules.checkDocumentDate(documentDate, "documentDate");
        if (correction.reason() != null && !correction.reason().isBlank()) {
            rules.checkReason(correction.reason(), "reason");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("itemId", itemId.toString());
        details.put("itemNumber", item.itemNumber());
        ChangeDetails.changed(details, "title", item.title(), title);
        ChangeDetails.changed(details, "documentType", item.documentType(), documentType);
        ChangeDetails.changed(details, "documentDate", item.documentDate(), documentDate);
        ChangeDetails.changed(details, "personalData", item.personalData(), personalData);
        if (details.size() == 2) {
            return item;
        }
        if (correction.reason() != null && !correction.reason().isBlank()) {
            details.put("reason", correction.reason().strip());
        }
        item.correct(title, documentType, documentDate, personalData);
        audit.record(actor, DossierAuditActions.ITEM_CORRECTED, "item:" + itemId, Outcome.SUCCESS, details);
        changes.fire(new DossierChanged(dossier.id(), itemId));
        return item;
    }
}

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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * 撤回: before sealing, the clerk takes a mis-filed item out of the dossier with a reason. The item
 * leaves the record (completeness, search, retention) but keeps its line, struck through, and its
 * bytes until the dossier's disposition; the same file may then be filed again. Audited in the
 * same transaction; once the dossier is sealed, nothing is withdrawn.
 */
@ApplicationScoped
public class ItemWithdrawals {

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

    @Inject
    Clock clock;

    @Transactional
    public Item withdraw(AuditLog.Actor actor, User user, UUID itemId, String reason) {
        Item item = dossiers.findItem(itemId).orElseThrow(() -> ProblemException.notFound("problem.item.unknown", itemId));
        guard.requireChange(actor, user, item, Permission.ITEM_WITHDRAW.operation(), "item:" + itemId);
        Dossier dossier = item.dossier();
        if (dossier.status() == DossierStatus.SEALED) {
            throw ProblemException.conflict("problem.item.withdraw.sealed", dossier.archivalCode());
        }
        if (item.withdrawn()) {
            throw ProblemException.conflict("problem.item.withdrawn", item.itemNumber());
        }
        holds.requireNotHeld(dossier.id());
        rules.checkReason(reason, "reason");
        String why = reason.strip();
        item.withdraw(actor.name(), why, clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("itemId", itemId.toString());
        details.put("itemNumber", item.itemNumber());
        details.put("title", item.title());
        details.put("documentType", item.documentType());
        details.put("reason", why);
        audit.record(actor, DossierAuditActions.ITEM_WITHDRAWN, "item:" + itemId, Outcome.SUCCESS, details);
        changes.fire(new DossierChanged(dossier.id(), itemId));
        return item;
    }
}

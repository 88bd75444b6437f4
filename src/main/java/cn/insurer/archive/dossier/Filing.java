package cn.insurer.archive.dossier;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.storage.ObjectStore;
import cn.insurer.archive.storage.StagedFile;
import cn.insurer.archive.storage.StoredObjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The clerk's desk: opening dossiers and filing items into them. Bytes go to the object store
 * first; the item row, its audit event and its outbox entry are then written in one transaction,
 * so a crash leaves at most an unreferenced object, never a row without bytes.
 */
@ApplicationScoped
public class Filing {

    @Inject
    Clock clock;

    @Inject
    DossierRepository dossiers;

    @Inject
    ObjectStore objectStore;

    @Inject
    StoredObjects storedObjects;

    @Inject
    AccessPolicy access;

    @Inject
    ItemRules rules;

    @Inject
    AuditLog audit;

    @Inject
    HoldCheck holds;

    @Inject
    ChangeGuard guard;

    @Inject
    Event<DossierChanged> changes;

    @Inject
    Event<ItemFiled> filed;

    @Inject
    Event<DossierSealed> sealedEvents;

    /** This bean through its proxy, so that the transactional step runs in its own transaction. */
    @Inject
    Filing self;

    /** Opens a dossier at a level the user may classify at; the API, the desk and imports all come here. */
    @Transactional
    public Dossier open(AuditLog.Actor actor, User user, DossierFacts facts, String metadataJson) {
        if (!access.canClassifyAt(user, facts.securityLevel())) {
            throw ProblemException.invalid(java.util.List.of(new FieldError("securityLevel",
                    "validation.dossier.level.above.clearance", user.clearance())));
        }
        if (dossiers.findByBusinessKey(facts.type(), facts.businessKey()).isPresent()) {
            throw ProblemException.conflict("problem.dossier.exists", facts.type(), facts.businessKey());
        }
        Dossier dossier = new Dossier(facts, metadataJson, actor.name(), clock.instant());
        dossiers.add(dossier);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", facts.type().name());
        details.put("businessKey", facts.businessKey());
        details.put("securityLevel", facts.securityLevel().name());
        audit.record(actor, DossierAuditActions.DOSSIER_CREATED, target(dossier.id()), Outcome.SUCCESS, details);
        changes.fire(new DossierChanged(dossier.id(), null));
        return dossier;
    }

    /** Fails fast, before any bytes move, when the item could not be filed anyway. */
    @Transactional
    public void checkCanFile(AuditLog.Actor actor, User user, UUID dossierId, SecurityLevel itemLevel) {
        checkCanFile(actor, user, dossierId, itemLevel, false);
    }

    /** As {@link #checkCanFile(AuditLog.Actor, User, UUID, SecurityLevel)}, for a supplement to a sealed dossier when asked. */
    @Transactional
    public void checkCanFile(AuditLog.Actor actor, User user, UUID dossierId, SecurityLevel itemLevel, boolean supplement) {
        Dossier dossier = dossiers.find(dossierId)
                .orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", dossierId));
        guard.requireChange(actor, user, dossier, operation(supplement), target(dossierId));
        Dossier.requireFilingState(dossier.status(), dossier.archivalCode(), supplement);
        holds.requireNotHeld(dossierId);
        checkItemLevel(user, dossier, itemLevel);
    }

    private static String operation(boolean supplement) {
        return (supplement ? Permission.DOSSIER_SUPPLEMENT : Permission.ITEM_UPLOAD).operation();
    }

    public Item file(AuditLog.Actor actor, User user, UUID dossierId, NewItemRequest request, StagedFile staged) {
        objectStore.putIfAbsent(staged.hash(), staged.path(), request.mediaType());
        return self.record(actor, user, dossierId, request, staged);
    }

    @Transactional
    public Item record(AuditLog.Actor actor, User user, UUID dossierId, NewItemRequest request, StagedFile staged) {
        Dossier dossier = dossiers.findForFiling(dossierId)
                .orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", dossierId));
        guard.requireChange(actor, user, dossier, operation(request.supplement()), target(dossierId));
        checkItemLevel(user, dossier, request.securityLevel());
        rules.checkDocumentType(dossier, request.documentType(), "metadata.documentType");
        rules.checkDocumentDate(request.documentDate(), "metadata.documentDate");
        if (request.supplement()) {
            rules.checkReason(request.supplementReason(), "metadata.reason");
        }
        holds.requireNotHeld(dossierId);
        storedObjects.register(staged.hash(), staged.size());
        Item item = dossier.file(new NewItem(request.title(), request.documentType(), request.documentDate(),
                request.fileName(), request.mediaType(), staged.size(), staged.hash(), request.securityLevel(),
                request.personalData(), request.supplement() ? request.supplementReason().strip() : null),
                dossiers, actor.name(), existing -> access.canSeeItem(user, existing), clock.instant());
        dossiers.add(item);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("itemId", item.id().toString());
        details.put("itemNumber", item.itemNumber());
        details.put("fileName", item.fileName());
        details.put("sha256", item.sha256());
        details.put("size", item.size());
        if (item.supplement()) {
            details.put("title", item.title());
            details.put("reason", item.supplementReason());
            details.put("archivalCode", dossier.archivalCode());
        }
        audit.record(actor, item.supplement() ? DossierAuditActions.ITEM_SUPPLEMENTED : DossierAuditActions.ITEM_UPLOADED,
                target(dossier.id()), Outcome.SUCCESS, details);
        changes.fire(new DossierChanged(dossier.id(), item.id()));
        filed.fire(new ItemFiled(dossier.id(), item.id(), item.size()));
        if (item.supplement()) {
            // Sealed content is locked in the store: the supplement joins the dossier's locks.
            changes.fire(new DossierChanged(dossier.id(), null));
            sealedEvents.fire(new DossierSealed(dossier.id(), dossier.archivalCode(), List.of(item.contentHash()),
                    Sealing.lockYears(dossier.archivalCode())));
        }
        return item;
    }

    /** A clerk sends a FAILED or UNSUPPORTED item back to extraction, e.g. after installing OCR. */
    @Transactional
    public Item retryExtraction(AuditLog.Actor actor, User user, UUID itemId) {
        Item item = dossiers.findItem(itemId)
                .orElseThrow(() -> ProblemException.notFound("problem.item.unknown", itemId));
        guard.requireChange(actor, user, item, Permission.ITEM_EXTRACTION_RETRY.operation(), "item:" + itemId);
        if (item.extractionState() != ExtractionState.FAILED && item.extractionState() != ExtractionState.UNSUPPORTED) {
            throw ProblemException.conflict("problem.extraction.not.failed", item.extractionState());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("previousState", item.extractionState().name());
        details.put("previousReason", item.extractionReason());
        item.retryExtraction();
        audit.record(actor, DossierAuditActions.EXTRACTION_RETRIED, "item:" + itemId, Outcome.SUCCESS, details);
        changes.fire(new DossierChanged(item.dossierId(), itemId));
        return item;
    }

    private void checkItemLevel(User user, Dossier dossier, SecurityLevel itemLevel) {
        if (itemLevel == null) {
            return;
        }
        if (!itemLevel.covers(dossier.securityLevel())) {
            throw ProblemException.invalid(java.util.List.of(new FieldError("metadata.securityLevel",
                    "validation.item.level.below.dossier", dossier.securityLevel())));
        }
        if (!access.canClassifyAt(user, itemLevel)) {
            throw ProblemException.invalid(java.util.List.of(new FieldError("metadata.securityLevel",
                    "validation.item.level.above.clearance", user.clearance())));
        }
    }

    static String target(UUID dossierId) {
        return "dossier:" + dossierId;
    }

    /** An item's filing request after its metadata part has been read and checked. */
    public record NewItemRequest(String title, String documentType, java.time.LocalDate documentDate,
                                 String fileName, String mediaType, SecurityLevel securityLevel, boolean personalData,
                                 String supplementReason) {

        /** An upload into an open dossier. */
        public NewItemRequest(String title, String documentType, java.time.LocalDate documentDate,
                              String fileName, String mediaType, SecurityLevel securityLevel, boolean personalData) {
            this(title, documentType, documentDate, fileName, mediaType, securityLevel, personalData, null);
        }

        public boolean supplement() {
            return supplementReason != null;
        }
    }
}

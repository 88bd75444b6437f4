package cn.insurer.archive.dossier;

import java.util.UUID;

/**
 * Fired synchronously inside the transaction that changed a dossier or one of its items, so that
 * observers (the indexing outbox) record the change atomically with it.
 *
 * @param itemId   the item changed, or null when the dossier's own record changed
 * @param textOnly only an item's extracted text and extraction state changed: what the index holds,
 *                 nothing that the dossier's retention or its objects' locks depend on
 */
public record DossierChanged(UUID dossierId, UUID itemId, boolean textOnly) {

    public DossierChanged(UUID dossierId, UUID itemId) {
        this(dossierId, itemId, false);
    }

    /** An extraction's outcome, recorded on its item. */
    static DossierChanged textOf(Item item) {
        return new DossierChanged(item.dossierId(), item.id(), true);
    }
}

package cn.insurer.archive.dossier;

import java.util.UUID;

/**
 * Fired synchronously inside the transaction that changed a dossier or one of its items, so that
 * observers (the indexing outbox) record the change atomically with it.
 */
public record DossierChanged(UUID dossierId, UUID itemId) {
}

package cn.insurer.archive.dossier;

import cn.insurer.archive.storage.ContentHash;
import java.util.List;

/**
 * Fired by sealing: the dossier's objects, and the retention class's period as the shortest time
 * the store is to keep them when the dossier's disposition date is not known yet.
 */
public record DossierSealed(java.util.UUID dossierId, String archivalCode, List<ContentHash> objects, int retentionYears) {
}

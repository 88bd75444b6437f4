package cn.insurer.archive.dossier;

import cn.insurer.archive.access.SecurityLevel;
import java.util.Set;
import java.util.UUID;

/**
 * Fired synchronously inside the transaction that destroys a dossier, before its rows go: each
 * package whose rows refer to the dossier or its items settles them there (ends or keeps them with
 * the dossier's description as text), so the destruction commits or fails as one.
 */
public record DossierPurged(UUID dossierId, Set<UUID> itemIds, String businessKey, String archivalCode, String title,
                            String department, SecurityLevel securityLevel) {

    public DossierPurged {
        itemIds = Set.copyOf(itemIds);
    }
}

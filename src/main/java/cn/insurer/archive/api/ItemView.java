package cn.insurer.archive.api;

import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.dossier.ExtractionState;
import cn.insurer.archive.dossier.Item;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One line of the item list. A line the caller may not see (see AccessPolicy.canSeeItem) keeps
 * only its place in the list and says it is restricted: no id, title, file name, hash or size. A
 * withdrawn item (撤回) keeps its line with who withdrew it, when and why; a supplement (补充归档)
 * says why it was filed after sealing.
 */
public record ItemView(UUID id, UUID dossierId, int itemNumber, String title, String documentType,
                       LocalDate documentDate, String fileName, String mediaType, Long size, String sha256,
                       Integer pages, ExtractionState extraction, String extractionReason,
                       SecurityLevel securityLevel, Boolean personalData, String createdBy, Instant createdAt,
                       String supplementReason, Boolean withdrawn, Instant withdrawnAt, String withdrawnBy, String withdrawalReason,
                       boolean restricted) {

    public static ItemView of(Item item) {
        return new ItemView(item.id(), item.dossierId(), item.itemNumber(), item.title(), item.documentType(),
                item.documentDate(), item.fileName(), item.mediaType(), item.size(), item.sha256(), item.pages(),
                item.extractionState(), item.extractionReason(), item.securityLevel(), item.personalData(), item.createdBy(),
                item.createdAt(), item.supplementReason(), item.withdrawn(), item.withdrawnAt(), item.withdrawnBy(), item.withdrawalReason(), false);
    }

    /** That an item is there, and nothing of what it is. */
    public static ItemView restricted(Item item) {
        return new ItemView(null, item.dossierId(), item.itemNumber(), null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, true);
    }
}

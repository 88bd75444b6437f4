package cn.insurer.archive.api;

import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.dossier.ExtractionState;
import cn.insurer.archive.dossier.Item;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One line of the item list. */
public record ItemView(UUID id, UUID dossierId, int itemNumber, String title, String documentType,
                       LocalDate documentDate, String fileName, String mediaType, long size, String sha256,
                       Integer pages, ExtractionState extraction, String extractionReason,
                       SecurityLevel securityLevel, boolean personalData, String createdBy, Instant createdAt) {

    public static ItemView of(Item item) {
        return new ItemView(item.id(), item.dossier().id(), item.itemNumber(), item.title(), item.documentType(),
                item.documentDate(), item.fileName(), item.mediaType(), item.size(), item.sha256(), item.pages(),
                item.extractionState(), item.extractionReason(), item.securityLevel(), item.personalData(), item.createdBy(),
                item.createdAt());
    }
}

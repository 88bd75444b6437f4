package cn.insurer.archive.search;

import java.util.Objects;
import java.util.UUID;

/**
 * The searchable view of one item (件) of a dossier.
 *
 * @param securityLevel the item's own level; null means the dossier's level applies
 * @param text          extracted text, possibly empty
 */
public record ItemDocument(
        UUID itemId,
        String title,
        String documentType,
        String fileName,
        String securityLevel,
        String text) {

    public ItemDocument {
        Objects.requireNonNull(itemId, "itemId");
    }
}

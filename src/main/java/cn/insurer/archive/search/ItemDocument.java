package cn.insurer.archive.search;

import java.util.Objects;
import java.util.UUID;

/**
 * The searchable view of one item (件) of a dossier.
 *
 * @param securityLevel the item's own level; null means the dossier's level applies
 * @param text          extracted text, possibly empty
 * @param loanOnlyFrom  for personal data whose purpose has ended: the first day it is readable only
 *                      through a loan; null otherwise
 */
public record ItemDocument(
        UUID itemId,
        String title,
        String documentType,
        String fileName,
        String securityLevel,
        String text,
        java.time.LocalDate loanOnlyFrom) {

    public ItemDocument {
        Objects.requireNonNull(itemId, "itemId");
    }

    public ItemDocument(UUID itemId, String title, String documentType, String fileName, String securityLevel, String text) {
        this(itemId, title, documentType, fileName, securityLevel, text, null);
    }
}

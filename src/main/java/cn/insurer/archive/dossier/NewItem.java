package cn.insurer.archive.dossier;

import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.storage.ContentHash;
import java.time.LocalDate;

/** What is known of an uploaded document before it is filed. */
public record NewItem(String title, String documentType, LocalDate documentDate, String fileName,
                      String mediaType, long size, ContentHash sha256, SecurityLevel securityLevel,
                      boolean personalData, String supplementReason) {
}

package cn.insurer.archive.custody;

import cn.insurer.archive.dossier.ExtractionState;
import java.util.List;
import java.util.UUID;

/** One stored object as the sweep reads it: its hash, its recorded size and the items that refer to it. */
public record StoredContent(String sha256, long size, List<Reference> items) {

    /** An item that refers to the object, with what is needed to judge whether it still opens. */
    public record Reference(UUID itemId, UUID dossierId, String fileName, String mediaType, ExtractionState extraction) {
    }
}

package cn.insurer.archive.search;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a batch of outbox entries asks the index to rewrite, per dossier: the whole dossier when
 * any entry is about the dossier itself, otherwise only the items named.
 */
record OutboxChanges(UUID dossierId, boolean wholeDossier, Set<UUID> itemIds) {

    static List<OutboxChanges> byDossier(List<IndexOutbox.Entry> entries) {
        Map<UUID, OutboxChanges> changes = new LinkedHashMap<>();
        for (IndexOutbox.Entry entry : entries) {
            OutboxChanges known = changes.computeIfAbsent(entry.dossierId(), id -> new OutboxChanges(id, false, new HashSet<>()));
            if (entry.itemId() == null) {
                changes.put(entry.dossierId(), new OutboxChanges(entry.dossierId(), true, Set.of()));
            } else if (!known.wholeDossier()) {
                known.itemIds().add(entry.itemId());
            }
        }
        return List.copyOf(changes.values());
    }
}

package cn.insurer.archive.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The loans in force for a user, as the access decision sees them. */
public interface Grants {

    Optional<Grant> covering(User user, UUID dossierId, UUID itemId);

    /** Dossiers lent whole, and items lent one by one, for confining searches. */
    Scope scopeOf(User user);

    record Scope(List<UUID> dossiers, List<UUID> itemDossiers, List<UUID> items) {

        public static final Scope NONE = new Scope(List.of(), List.of(), List.of());
    }
}

package cn.insurer.archive.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The loans in force for a user, as the access decision sees them. */
public interface Grants {

    /**
     * The loan that opens this record to the user: one whose approvers approved it, that is, of its
     * dossier, covering the item (an item is covered only when the loan was requested for it), and
     * approved for a security level at least the record's.
     */
    Optional<Grant> covering(User user, ProtectedRecord record);

    /** The same coverage as {@link #covering}, as lists a search can be confined to. */
    Scope scopeOf(User user);

    /**
     * {@code dossiers}: dossiers lent with everything in them, present and future (loans never lend
     * that: what a loan opens is fixed when it is requested, so this stays empty for them);
     * {@code itemDossiers}: dossiers whose own entry is lent; {@code items}: the items lent, one by one.
     */
    record Scope(List<UUID> dossiers, List<UUID> itemDossiers, List<UUID> items) {

        public static final Scope NONE = new Scope(List.of(), List.of(), List.of());
    }
}

package cn.insurer.archive.search;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Tells which outbox entries the index has yet to apply. Entries after the index's position are
 * new. An entry at or below it is new too when it was not applied here: its transaction took its
 * sequence number before one with a higher number, and committed after the index had moved past
 * it. The outbox returns the entries of its last minute again for that reason; this remembers
 * which of them were applied, for a little longer than that minute. The indexer records what it
 * applied while searches ask what is pending, so both are synchronized.
 */
final class OutboxWindow {

    private final long rememberedNanos;
    private final LongSupplier clock;
    /** Sequence number to the time it was applied. */
    private final Map<Long, Long> applied = new HashMap<>();

    OutboxWindow(long rememberedNanos, LongSupplier clock) {
        this.rememberedNanos = rememberedNanos;
        this.clock = clock;
    }

    /** The entries of {@code entries} not applied yet, given the index's position. */
    synchronized List<IndexOutbox.Entry> pending(long position, List<IndexOutbox.Entry> entries) {
        return entries.stream().filter(entry -> entry.seq() > position || !applied.containsKey(entry.seq())).toList();
    }

    /** Records that {@code entries} are in the index, and forgets those applied long ago. */
    synchronized void applied(Collection<IndexOutbox.Entry> entries) {
        long now = clock.getAsLong();
        entries.forEach(entry -> applied.put(entry.seq(), now));
        applied.values().removeIf(at -> now - at > rememberedNanos);
    }
}

package cn.insurer.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboxWindowTest {

    private final AtomicLong now = new AtomicLong();
    private final OutboxWindow window = new OutboxWindow(100, now::get);

    @Test
    void anEntryCommittedBelowThePositionAfterTheIndexMovedOnIsStillPending() {
        IndexOutbox.Entry first = entry(1);
        IndexOutbox.Entry third = entry(3);
        window.applied(List.of(first, third));
        // Sequence 2 committed after 3 had been read and applied: the index stands at 3.
        IndexOutbox.Entry late = entry(2);
        assertEquals(List.of(late), window.pending(3, List.of(first, late, third)));
        window.applied(List.of(late));
        assertEquals(List.of(), window.pending(3, List.of(first, late, third)));
    }

    @Test
    void entriesAfterThePositionArePendingAndAppliedOnesAreForgottenInTime() {
        IndexOutbox.Entry applied = entry(5);
        window.applied(List.of(applied));
        IndexOutbox.Entry next = entry(6);
        assertEquals(List.of(next), window.pending(5, List.of(applied, next)));
        now.set(150);
        window.applied(List.of(next));
        // Applied at 0 and forgotten at 150: were it returned again, it would be applied again.
        assertEquals(List.of(applied), window.pending(6, List.of(applied, next)));
    }

    private static IndexOutbox.Entry entry(long seq) {
        return new IndexOutbox.Entry(seq, UUID.nameUUIDFromBytes(("d" + seq).getBytes()), null);
    }
}

package cn.insurer.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxChangesTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID ITEM1 = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID ITEM2 = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @Test
    void itemEntriesNameTheirItemsAndADossierEntryTakesTheWholeDossier() {
        List<OutboxChanges> changes = OutboxChanges.byDossier(List.of(
                new IndexOutbox.Entry(1, A, ITEM1), new IndexOutbox.Entry(2, B, ITEM1), new IndexOutbox.Entry(3, A, ITEM2),
                new IndexOutbox.Entry(4, B, null), new IndexOutbox.Entry(5, B, ITEM2), new IndexOutbox.Entry(6, A, ITEM1)));
        assertEquals(List.of(new OutboxChanges(A, false, Set.of(ITEM1, ITEM2)), new OutboxChanges(B, true, Set.of())), changes);
    }
}

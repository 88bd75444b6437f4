package cn.insurer.archive.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.insurer.archive.problem.ProblemException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A legal hold's own rules, on the entity alone, at the instants the caller's clock gives. */
class LegalHoldTest {

    private static final Instant PLACED = Instant.parse("2026-03-01T02:00:00Z");
    private static final Instant RELEASED = Instant.parse("2026-09-01T08:30:00Z");
    private static final UUID FIRST = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @Test
    void aNewHoldIsActiveOnACopyOfItsDossiers() {
        Set<UUID> dossiers = new LinkedHashSet<>(Set.of(FIRST));
        LegalHold hold = new LegalHold("(2026)沪0115民初1234号", "诉讼保全", dossiers, null, "manager", PLACED);
        dossiers.add(SECOND);
        assertEquals(LegalHold.Status.ACTIVE, hold.status());
        assertEquals(Set.of(FIRST), hold.dossierIds());
        assertEquals(PLACED, hold.placedAt());
        assertNull(hold.releasedAt());
        assertThrows(UnsupportedOperationException.class, () -> hold.dossierIds().add(SECOND));
    }

    @Test
    void releaseRecordsWhoWhenAndWhyAndHappensOnce() {
        LegalHold hold = new LegalHold("(2026)沪0115民初1234号", "诉讼保全", Set.of(FIRST, SECOND), null, "manager", PLACED);
        hold.release("head", RELEASED, "案件已审结");
        assertEquals(LegalHold.Status.RELEASED, hold.status());
        assertEquals("head", hold.releasedBy());
        assertEquals(RELEASED, hold.releasedAt());
        assertEquals("案件已审结", hold.releaseComment());
        ProblemException again = assertThrows(ProblemException.class, () -> hold.release("head", RELEASED.plusSeconds(60), "再次解除"));
        assertEquals("problem.hold.released", again.messageKey());
        assertEquals(RELEASED, hold.releasedAt());
        assertEquals("案件已审结", hold.releaseComment());
    }
}

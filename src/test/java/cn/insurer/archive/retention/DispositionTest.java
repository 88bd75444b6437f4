package cn.insurer.archive.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two signatures a disposition batch needs, and who may give each. */
class DispositionTest {

    private static final Instant PROPOSED = Instant.parse("2026-06-01T02:00:00Z");
    private static final User MANAGER = user("manager", Role.ARCHIVE_MANAGER);
    private static final User AUDITOR = user("auditor", Role.AUDITOR);
    private static final User BOTH = user("both", Role.ARCHIVE_MANAGER, Role.AUDITOR);
    private static final User CLERK = user("clerk", Role.CLERK);

    @Test
    void theArchiveManagerSignsFirst() {
        Disposition batch = batch();
        assertTrue(batch.awaitsSignatureOf(MANAGER));
        assertTrue(batch.awaitsSignatureOf(BOTH));
        assertFalse(batch.awaitsSignatureOf(AUDITOR), "the auditor co-signs, never first");
        assertFalse(batch.awaitsSignatureOf(CLERK));
    }

    @Test
    void thenAnAuditorWhoIsNotTheFirstSigner() {
        Disposition batch = batch();
        batch.approveAsManager(BOTH.username(), PROPOSED.plusSeconds(600));
        assertEquals(Disposition.Status.MANAGER_APPROVED, batch.status());
        assertTrue(batch.awaitsSignatureOf(AUDITOR));
        assertFalse(batch.awaitsSignatureOf(BOTH), "whoever signed first does not sign again, whatever roles they hold");
        assertFalse(batch.awaitsSignatureOf(MANAGER), "a second manager is not an auditor");
    }

    @Test
    void nobodySignsABatchThatIsApprovedOrSentBackUntilItIsProposedAgain() {
        Disposition batch = batch();
        batch.approveAsManager(MANAGER.username(), PROPOSED.plusSeconds(600));
        batch.approveAsAuditor(AUDITOR.username(), PROPOSED.plusSeconds(1200));
        assertEquals(Disposition.Status.APPROVED, batch.status());
        assertFalse(batch.awaitsSignatureOf(MANAGER));
        assertFalse(batch.awaitsSignatureOf(AUDITOR));

        batch.sentBack();
        assertEquals(Disposition.Status.PROPOSED, batch.status());
        assertEquals(null, batch.managerApprovedBy(), "both signatures are given again");
        assertTrue(batch.awaitsSignatureOf(MANAGER));
    }

    private static Disposition batch() {
        return new Disposition("CZ-2026-000001", Disposition.Action.DESTROY, "保管期满，经鉴定无继续保存价值", List.of(), "clerk", PROPOSED);
    }

    private static User user(String name, Role... roles) {
        return new User(name, name, "-", Set.of(roles), SecurityLevel.SECRET, "档案室", PROPOSED);
    }
}

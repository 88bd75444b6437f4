package cn.insurer.archive.loan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A loan's approval chain and its life in time, at instants the test chooses. */
class LoanTest {

    private static final Instant REQUESTED = Instant.parse("2026-05-04T01:00:00Z");
    private static final Instant HEAD_APPROVED = REQUESTED.plus(Duration.ofHours(2));
    private static final Instant MANAGER_APPROVED = REQUESTED.plus(Duration.ofHours(5));

    @Test
    void theChainIsWalkedInOrderAndTheLastApprovalStartsTheLoanForItsDays() {
        Loan loan = loan(LoanKind.VIEW, 7, List.of(Role.DEPARTMENT_HEAD, Role.ARCHIVE_MANAGER));
        assertEquals(Optional.of(Role.DEPARTMENT_HEAD), loan.nextApprover());
        loan.decide("head", true, "同意", HEAD_APPROVED);
        assertEquals(LoanStatus.REQUESTED, loan.status(), "one approval of two starts nothing");
        assertEquals(Optional.of(Role.ARCHIVE_MANAGER), loan.nextApprover());
        assertFalse(loan.grantsAt(HEAD_APPROVED));
        loan.decide("manager", true, "同意", MANAGER_APPROVED);
        assertEquals(LoanStatus.ACTIVE, loan.status());
        assertEquals(Optional.empty(), loan.nextApprover());
        assertEquals(MANAGER_APPROVED, loan.activatedAt());
        assertEquals(MANAGER_APPROVED.plus(Duration.ofDays(7)), loan.dueAt());
    }

    @Test
    void aRejectionEndsTheLoanAtOnceAndNothingIsDecidedTwice() {
        Loan loan = loan(LoanKind.VIEW, 7, List.of(Role.DEPARTMENT_HEAD, Role.ARCHIVE_MANAGER));
        loan.decide("head", false, "用途不明", HEAD_APPROVED);
        assertEquals(LoanStatus.REJECTED, loan.status());
        assertEquals(HEAD_APPROVED, loan.endedAt());
        ProblemException again = assertThrows(ProblemException.class, () -> loan.decide("manager", true, "同意", MANAGER_APPROVED));
        assertEquals(ProblemException.Kind.CONFLICT, again.kind());
        assertEquals(1, loan.decisions().size());
    }

    @Test
    void anActiveLoanGrantsUntilItsDueInstantAndIsShownOverdueFromThen() {
        Loan loan = active(LoanKind.VIEW, 3);
        Instant due = loan.dueAt();
        assertTrue(loan.grantsAt(due.minusSeconds(1)));
        assertEquals(LoanStatus.ACTIVE, loan.statusAt(due.minusSeconds(1)));
        assertFalse(loan.grantsAt(due), "the due instant itself no longer grants");
        assertTrue(loan.overdueAt(due));
        assertEquals(LoanStatus.OVERDUE, loan.statusAt(due));
        assertEquals(LoanStatus.ACTIVE, loan.status(), "overdue is shown, never stored");
    }

    @Test
    void anOriginalOnLoanGrantsNoReadingOfTheDigitalCopy() {
        Loan loan = active(LoanKind.ORIGINAL, 3);
        assertFalse(loan.grantsAt(MANAGER_APPROVED.plusSeconds(60)));
        assertEquals(LoanStatus.ACTIVE, loan.statusAt(MANAGER_APPROVED.plusSeconds(60)));
    }

    @Test
    void anOriginalOutComesBackOnlyByCheckInAndOnlyOnce() {
        Loan loan = active(LoanKind.ORIGINAL, 3);
        Instant out = MANAGER_APPROVED.plus(Duration.ofHours(1));
        loan.handOut("clerk", out);
        assertTrue(loan.originalOut());
        assertEquals(ProblemException.Kind.CONFLICT, assertThrows(ProblemException.class, () -> loan.handOut("clerk", out)).kind());
        assertThrows(ProblemException.class, () -> loan.giveBack(out.plusSeconds(60)), "the borrower cannot say it is back");
        Instant back = loan.dueAt().plus(Duration.ofDays(2));
        loan.checkIn("other", "完好", back);
        assertEquals(LoanStatus.RETURNED, loan.status(), "an overdue original is checked in all the same");
        assertFalse(loan.originalOut());
        assertEquals("完好", loan.checkInCondition());
        assertEquals(back, loan.endedAt());
        assertThrows(ProblemException.class, () -> loan.checkIn("other", "完好", back.plusSeconds(1)));
    }

    @Test
    void onlyAnApprovedOriginalNotYetDueIsHandedOut() {
        assertThrows(ProblemException.class, () -> active(LoanKind.VIEW, 3).handOut("clerk", MANAGER_APPROVED));
        Loan waiting = loan(LoanKind.ORIGINAL, 3, List.of(Role.DEPARTMENT_HEAD));
        assertThrows(ProblemException.class, () -> waiting.handOut("clerk", REQUESTED.plusSeconds(1)));
        Loan late = active(LoanKind.ORIGINAL, 3);
        assertThrows(ProblemException.class, () -> late.handOut("clerk", late.dueAt()));
    }

    @Test
    void anApprovedRenewalRunsOnFromTheDueDateAndTakesTheOriginalWithIt() {
        Loan loan = active(LoanKind.ORIGINAL, 3);
        loan.handOut("clerk", MANAGER_APPROVED);
        Loan renewal = Loan.renewalOf(loan, "JY-2026-000002", "开庭延期", 5, List.of(Role.DEPARTMENT_HEAD), loan.dueAt().minusSeconds(60));
        assertEquals(loan.id(), renewal.renews());
        assertEquals(loan.coveredItemIds(), renewal.coveredItemIds());
        assertEquals(LoanStatus.REQUESTED, renewal.status());
        Instant approved = loan.dueAt().plusSeconds(30);
        assertTrue(loan.inForceForRenewal(approved), "an original out stays renewable past its due time");
        assertTrue(renewal.decide("head", true, "同意", approved));
        loan.renewedBy(renewal, approved);
        assertEquals(LoanStatus.RENEWED, loan.status());
        assertFalse(loan.originalOut(), "the renewal holds it now");
        assertTrue(renewal.originalOut());
        assertEquals(loan.dueAt().plus(Duration.ofDays(5)), renewal.dueAt());
        assertThrows(ProblemException.class, () -> loan.renewedBy(renewal, approved), "a loan is renewed once");
    }

    @Test
    void anOnlineLoanPastItsDueTimeCannotBeRenewed() {
        Loan loan = active(LoanKind.VIEW, 3);
        assertTrue(loan.inForceForRenewal(loan.dueAt().minusSeconds(1)));
        assertFalse(loan.inForceForRenewal(loan.dueAt()));
    }

    @Test
    void aReturnedLoanGrantsNothingAndCannotBeReturnedAgain() {
        Loan loan = active(LoanKind.VIEW, 3);
        Instant back = MANAGER_APPROVED.plus(Duration.ofDays(1));
        loan.giveBack(back);
        assertEquals(LoanStatus.RETURNED, loan.status());
        assertFalse(loan.grantsAt(back.plusSeconds(1)));
        assertFalse(loan.overdueAt(loan.dueAt().plusSeconds(1)), "a returned loan is never overdue");
        assertThrows(ProblemException.class, () -> loan.giveBack(back.plusSeconds(5)));
    }

    @Test
    void aDestroyedDossierEndsARunningLoanAndTheLoanKeepsItsDescription() {
        Loan loan = active(LoanKind.VIEW, 10);
        Instant destroyed = MANAGER_APPROVED.plus(Duration.ofDays(2));
        loan.dossierDestroyed("张伟 车险 理赔案卷", "IA-LP·2025-D10-LPB-0007", SecurityLevel.CONFIDENTIAL, "理赔部", destroyed);
        assertEquals(LoanStatus.EXPIRED, loan.status());
        assertEquals(destroyed, loan.endedAt());
        assertEquals("理赔部", loan.destroyedDossierDepartment());
        assertFalse(loan.grantsAt(destroyed));
    }

    private static Loan active(LoanKind kind, int days) {
        Loan loan = loan(kind, days, List.of(Role.DEPARTMENT_HEAD));
        loan.decide("head", true, "同意", MANAGER_APPROVED);
        return loan;
    }

    private static Loan loan(LoanKind kind, int days, List<Role> chain) {
        UUID dossier = UUID.randomUUID();
        return new Loan("JY-2026-000001", dossier, Set.of(), Set.of(), "adjuster", "类似案件诉讼参考", kind, days,
                SecurityLevel.CONFIDENTIAL, chain, REQUESTED);
    }
}

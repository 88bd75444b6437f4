package cn.insurer.archive.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    private final AccessPolicy policy = policy(NOW);

    private static AccessPolicy policy(Instant now) {
        AccessPolicy policy = new AccessPolicy();
        policy.clock = Clock.fixed(now, ZoneOffset.UTC);
        return policy;
    }

    private static User user(SecurityLevel clearance, String department, Role... roles) {
        return new User("u", "u", "hash", EnumSet.of(roles[0], roles), clearance, department, NOW);
    }

    private static ProtectedRecord record(SecurityLevel level, String department) {
        return new ProtectedRecord() {
            @Override
            public SecurityLevel securityLevel() {
                return level;
            }

            @Override
            public String owningDepartment() {
                return department;
            }
        };
    }

    @Test
    void departmentalReadersNeedClearanceAndTheirOwnDepartment() {
        User adjuster = user(SecurityLevel.CONFIDENTIAL, "理赔部", Role.ADJUSTER);
        assertTrue(policy.canRead(adjuster, record(SecurityLevel.CONFIDENTIAL, "理赔部")));
        assertFalse(policy.canRead(adjuster, record(SecurityLevel.SECRET, "理赔部")));
        assertFalse(policy.canRead(adjuster, record(SecurityLevel.PUBLIC, "承保部")));
    }

    @Test
    void archiveStaffAndAuditorsReadEveryDepartmentUpToTheirClearance() {
        for (Role role : List.of(Role.CLERK, Role.ARCHIVE_MANAGER, Role.AUDITOR)) {
            User staff = user(SecurityLevel.INTERNAL, "档案室", role);
            assertTrue(policy.canRead(staff, record(SecurityLevel.INTERNAL, "承保部")), role::name);
            assertFalse(policy.canRead(staff, record(SecurityLevel.CONFIDENTIAL, "承保部")), role::name);
        }
    }

    @Test
    void adminsAndDisabledUsersReadNothing() {
        assertFalse(policy.canRead(user(SecurityLevel.SECRET, "理赔部", Role.ADMIN), record(SecurityLevel.PUBLIC, "理赔部")));
        User disabled = user(SecurityLevel.SECRET, "理赔部", Role.CLERK);
        disabled.setEnabled(false, NOW);
        assertFalse(policy.canRead(disabled, record(SecurityLevel.PUBLIC, "理赔部")));
        assertTrue(policy.scopeOf(disabled).nothing());
    }

    @Test
    void personalDataPastItsPurposeIsLoanOnlyForEveryone() {
        java.time.LocalDate closed = java.time.LocalDate.of(2024, 1, 10);
        ProtectedRecord personal = new ProtectedRecord() {
            @Override
            public SecurityLevel securityLevel() {
                return SecurityLevel.PUBLIC;
            }

            @Override
            public String owningDepartment() {
                return "理赔部";
            }

            @Override
            public boolean personalData() {
                return true;
            }

            @Override
            public java.time.LocalDate purposeEndedOn() {
                return closed;
            }
        };
        assertEquals(closed.plusDays(365), policy.loanOnlyFrom(true, closed));
        assertEquals(null, policy.loanOnlyFrom(false, closed));
        assertFalse(policy.loanOnly(personal, closed.plusDays(364)));
        assertTrue(policy.loanOnly(personal, closed.plusDays(365)));
        User manager = user(SecurityLevel.SECRET, null, Role.ARCHIVE_MANAGER);
        assertFalse(policy.byStanding(manager, personal), "today is long past the grace period");
        Instant lastDayOfGrace = closed.plusDays(364).atTime(23, 59).toInstant(ZoneOffset.UTC);
        assertTrue(policy(lastDayOfGrace).byStanding(manager, personal), "the application's clock says which day it is");
    }

    @Test
    void theQueryScopeSaysTheSameAsTheDecision() {
        AccessPolicy.ReadScope adjuster = policy.scopeOf(user(SecurityLevel.INTERNAL, "理赔部", Role.ADJUSTER));
        assertEquals(List.of(SecurityLevel.PUBLIC, SecurityLevel.INTERNAL), adjuster.levels());
        assertFalse(adjuster.allDepartments());
        assertEquals("理赔部", adjuster.department());
        AccessPolicy.ReadScope clerk = policy.scopeOf(user(SecurityLevel.SECRET, null, Role.CLERK));
        assertTrue(clerk.allDepartments());
        assertEquals(4, clerk.levels().size());
        assertTrue(policy.scopeOf(user(SecurityLevel.SECRET, null, Role.ADJUSTER)).nothing(),
                "a departmental reader without a department reads nothing");
    }
}

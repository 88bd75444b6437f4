package cn.insurer.archive.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Which changes to a user widen what they read, and so are audited as privilege grants. */
class PrivilegeGrantTest {

    private static AccessPolicy.Standing standing(SecurityLevel clearance, String department, boolean enabled, Role... roles) {
        return new AccessPolicy.Standing(roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles),
                clearance, department, enabled);
    }

    @Test
    void aRoleThatReadsContentOrAHigherClearanceIsAGrant() {
        AccessPolicy.Standing admin = standing(SecurityLevel.PUBLIC, null, true, Role.ADMIN);
        assertTrue(AccessPolicy.widens(admin, standing(SecurityLevel.PUBLIC, null, true, Role.ADMIN, Role.AUDITOR)));
        AccessPolicy.Standing adjuster = standing(SecurityLevel.INTERNAL, "理赔部", true, Role.ADJUSTER);
        assertTrue(AccessPolicy.widens(adjuster, standing(SecurityLevel.SECRET, "理赔部", true, Role.ADJUSTER)));
        assertTrue(AccessPolicy.widens(adjuster, standing(SecurityLevel.INTERNAL, "核保部", true, Role.ADJUSTER)));
        assertTrue(AccessPolicy.widens(adjuster, standing(SecurityLevel.INTERNAL, "理赔部", true, Role.ADJUSTER, Role.CLERK)));
        assertTrue(AccessPolicy.widens(standing(SecurityLevel.INTERNAL, "理赔部", false, Role.ADJUSTER), adjuster));
        assertTrue(AccessPolicy.widens(AccessPolicy.Standing.NOBODY, standing(SecurityLevel.SECRET, null, true, Role.AUDITOR)));
    }

    @Test
    void narrowingOrAdministrativeChangesAreNot() {
        AccessPolicy.Standing adjuster = standing(SecurityLevel.CONFIDENTIAL, "理赔部", true, Role.ADJUSTER);
        assertFalse(AccessPolicy.widens(adjuster, standing(SecurityLevel.INTERNAL, "理赔部", true, Role.ADJUSTER)));
        assertFalse(AccessPolicy.widens(adjuster, standing(SecurityLevel.CONFIDENTIAL, "理赔部", false, Role.ADJUSTER)));
        assertFalse(AccessPolicy.widens(adjuster, standing(SecurityLevel.CONFIDENTIAL, "理赔部", true, Role.ADJUSTER, Role.ADMIN)));
        assertFalse(AccessPolicy.widens(AccessPolicy.Standing.NOBODY, standing(SecurityLevel.SECRET, null, true, Role.ADMIN)));
        AccessPolicy.Standing clerk = standing(SecurityLevel.INTERNAL, "档案室", true, Role.CLERK);
        assertFalse(AccessPolicy.widens(clerk, standing(SecurityLevel.INTERNAL, "理赔部", true, Role.CLERK)),
                "a clerk reads every department already");
    }

    @Test
    void throttleKeysFoldCaseWidthAndSurroundingSpace() {
        assertEquals("account:admin", LoginThrottle.accountKey("admin"));
        assertEquals("account:admin", LoginThrottle.accountKey(" Admin\t"));
        assertEquals("account:admin", LoginThrottle.accountKey("ＡＤＭＩＮ"));
        assertNull(LoginThrottle.accountKey("   "));
        assertEquals(120, LoginThrottle.accountKey("x".repeat(5000)).length());
    }
}

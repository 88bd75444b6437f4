package cn.insurer.archive.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one access decision of the archive. Every read of a dossier, an item, its content, its text
 * and every search hit goes through here.
 *
 * <p>A user reads a record when their clearance covers its security level and either the record
 * belongs to their department or their role gives them the whole archive (archive staff and
 * auditors), or when an approved loan in force covers it. ADMIN administers users and reads no
 * content.
 */
@ApplicationScoped
public class AccessPolicy {

    private static final Set<Role> ARCHIVE_WIDE = EnumSet.of(Role.CLERK, Role.ARCHIVE_MANAGER, Role.AUDITOR);
    private static final Set<Role> DEPARTMENTAL = EnumSet.of(Role.ADJUSTER, Role.UNDERWRITER, Role.DEPARTMENT_HEAD);

    /** Outside a request (background work) nobody borrows anything. */
    @Inject
    Instance<Grants> grants;

    /**
     * An import's progress and error report name files and business keys of many dossiers: the
     * clerk who started it follows it, the archive manager and auditors oversee all imports.
     */
    public boolean canFollowImport(User user, String startedBy) {
        return user.enabled() && (user.username().equals(startedBy) || user.hasRole(Role.ARCHIVE_MANAGER)
                || user.hasRole(Role.AUDITOR));
    }

    public boolean canRead(User user, ProtectedRecord record) {
        return byStanding(user, record) || grantFor(user, record).isPresent();
    }

    /**
     * The loan through which the user reads the record, when their own standing does not cover it:
     * only what the loan's approvers approved (its items, at most its level), never what was filed later.
     */
    public Optional<Grant> grantFor(User user, ProtectedRecord record) {
        if (!user.enabled() || record.dossierId() == null || grants == null || !grants.isResolvable()) {
            return Optional.empty();
        }
        try {
            return grants.get().covering(user, record);
        } catch (ContextNotActiveException outsideRequest) {
            return Optional.empty();
        }
    }

    /**
     * Personal data whose purpose has ended (closed claim plus the configured period) is kept for
     * storage and security only: nobody reads it by standing any more, only through an approved loan.
     */
    public boolean loanOnly(ProtectedRecord record, LocalDate today) {
        LocalDate from = loanOnlyFrom(record.personalData(), record.purposeEndedOn());
        return from != null && !today.isBefore(from);
    }

    /** The first day personal data is readable only through a loan, or null when that does not apply. */
    public LocalDate loanOnlyFrom(boolean personalData, LocalDate purposeEndedOn) {
        if (!personalData || purposeEndedOn == null) {
            return null;
        }
        return purposeEndedOn.plusDays(settings == null ? AccessSettings.DEFAULT_PIPL_GRACE_DAYS : settings.piplGraceDays());
    }

    /** The records the user's loans open, for confining searches. */
    public Grants.Scope grantScope(User user) {
        if (!user.enabled() || grants == null || !grants.isResolvable()) {
            return Grants.Scope.NONE;
        }
        try {
            return grants.get().scopeOf(user);
        } catch (ContextNotActiveException outsideRequest) {
            return Grants.Scope.NONE;
        }
    }

    @Inject
    AccessSettings settings;

    /** The application's clock, which tests may move forward. */
    @Inject
    Clock clock;

    /** Today by the application's clock: the day the PIPL loan-only phase is judged on, here and in search. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Clearance, department and role alone, without loans. */
    public boolean byStanding(User user, ProtectedRecord record) {
        if (!user.enabled() || !user.clearance().covers(record.securityLevel()) || loanOnly(record, today())) {
            return false;
        }
        if (user.roles().stream().anyMatch(ARCHIVE_WIDE::contains)) {
            return true;
        }
        return user.roles().stream().anyMatch(DEPARTMENTAL::contains)
                && user.department() != null && user.department().equals(record.owningDepartment());
    }

    /**
     * Whether the user may see what an item is (its id, title, file name, hash, size, type): exactly
     * when they may read it, by standing or through a loan in force covering it. Anyone else who
     * reads the dossier learns only that a restricted item is there. Personal data in its loan-only
     * phase is restricted this way too, so its title tells no more than its content would.
     */
    public boolean canSeeItem(User user, ProtectedRecord item) {
        return canRead(user, item);
    }

    /** Whether the user may file or classify a record at this level: never above their own clearance. */
    public boolean canClassifyAt(User user, SecurityLevel level) {
        return isClearedFor(user, level);
    }

    /**
     * Whether the user's clearance reaches the level: who approves a loan, signs a disposition or
     * receives a package of records must be cleared for the most secret of them.
     */
    public boolean isClearedFor(User user, SecurityLevel level) {
        return user.enabled() && level != null && user.clearance().covers(level);
    }

    /**
     * Whether the user may handle a disposition batch as a whole: propose or sign it, execute it,
     * take its transfer package or see what its members are. A batch disposes of, or hands over,
     * every item of its dossiers at once, so the user's clearance must cover the highest level
     * among them, items filed above their dossier's level included.
     */
    public boolean canHandleBatch(User user, SecurityLevel highestLevel) {
        return canClassifyAt(user, highestLevel);
    }

    /**
     * Whether the user may change a record: file into it, seal it, record its events, say where its
     * paper is, send it back to extraction. Their own standing decides; a loan lends reading, not
     * the keeping of the record.
     */
    public boolean canChange(User user, ProtectedRecord record) {
        return byStanding(user, record);
    }

    /**
     * What a user's standing lets them read, compared before and after a change to the user, so
     * that every widening is audited as a privilege grant.
     */
    public record Standing(Set<Role> roles, SecurityLevel clearance, String department, boolean enabled) {

        /** A user who does not exist yet reads nothing. */
        public static final Standing NOBODY = new Standing(EnumSet.noneOf(Role.class), SecurityLevel.PUBLIC, null, false);

        public static Standing of(User user) {
            return new Standing(user.roles(), user.clearance(), user.department(), user.enabled());
        }

        public Set<Role> readingRoles() {
            return AccessPolicy.readingRoles(roles);
        }
    }

    /** The roles among these that read records at all; ADMIN, which administers users, is not one. */
    public static Set<Role> readingRoles(Set<Role> roles) {
        Set<Role> reading = EnumSet.noneOf(Role.class);
        roles.stream().filter(role -> ARCHIVE_WIDE.contains(role) || DEPARTMENTAL.contains(role)).forEach(reading::add);
        return reading;
    }

    /**
     * Whether the change lets the user read records by standing they could not read before: a role
     * that reads content newly held, a higher clearance, a departmental reader moved to another
     * department, or a reader enabled again.
     */
    public static boolean widens(Standing before, Standing after) {
        Set<Role> reading = after.readingRoles();
        if (!after.enabled() || reading.isEmpty()) {
            return false;
        }
        if (!before.enabled() || !before.readingRoles().containsAll(reading)) {
            return true;
        }
        if (after.clearance().compareTo(before.clearance()) > 0) {
            return true;
        }
        boolean departmentalOnly = reading.stream().noneMatch(ARCHIVE_WIDE::contains);
        return departmentalOnly && after.department() != null && !after.department().equals(before.department());
    }

    /** The same rule as {@link #canRead}, as a filter a repository can push into its query. */
    public ReadScope scopeOf(User user) {
        List<SecurityLevel> levels = EnumSet.allOf(SecurityLevel.class).stream()
                .filter(level -> user.clearance().covers(level)).toList();
        if (!user.enabled()) {
            return new ReadScope(List.of(), false, null);
        }
        if (user.roles().stream().anyMatch(ARCHIVE_WIDE::contains)) {
            return new ReadScope(levels, true, null);
        }
        if (user.roles().stream().anyMatch(DEPARTMENTAL::contains) && user.department() != null) {
            return new ReadScope(levels, false, user.department());
        }
        return new ReadScope(List.of(), false, null);
    }

    /**
     * Which records a user may read: levels up to their clearance, and either every department or
     * just theirs. An empty level list means nothing.
     */
    public record ReadScope(List<SecurityLevel> levels, boolean allDepartments, String department) {

        public boolean nothing() {
            return levels.isEmpty() || (!allDepartments && department == null);
        }
    }
}

package cn.insurer.archive.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import cn.insurer.archive.config.ArchiveSettings;
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
        return purposeEndedOn.plusDays(settings == null ? ArchiveSettings.DEFAULT_PIPL_GRACE_DAYS : settings.piplGraceDays());
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
    ArchiveSettings settings;

    /** Clearance, department and role alone, without loans. */
    public boolean byStanding(User user, ProtectedRecord record) {
        if (!user.enabled() || !user.clearance().covers(record.securityLevel()) || loanOnly(record, LocalDate.now())) {
            return false;
        }
        if (user.roles().stream().anyMatch(ARCHIVE_WIDE::contains)) {
            return true;
        }
        return user.roles().stream().anyMatch(DEPARTMENTAL::contains)
                && user.department() != null && user.department().equals(record.owningDepartment());
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

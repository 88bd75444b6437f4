package cn.insurer.archive.access;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Creating and changing users: what an ADMIN does, through the API and the desk alike. Nobody
 * changes their own roles, clearance, department or enabled state (another administrator does),
 * and ADMIN is never combined with a role that reads records; every change that widens what a
 * user reads is audited as a privilege grant, with the standing before and after, so that an
 * administrator who gives content access to an account (a second one of their own included)
 * stands out in the trail.
 */
@ApplicationScoped
public class UserDirectory {

    /** The operation a refused change of one's own standing is audited under. */
    static final String CHANGE_SELF = "user.change.self";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,64}");

    @Inject
    UserRepository users;

    @Inject
    Credentials credentials;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public record NewUser(String username, String password, String displayName, Set<Role> roles,
                          SecurityLevel clearance, String department, String email) {
    }

    public record UserChange(String displayName, String password, Set<Role> roles, SecurityLevel clearance,
                             String department, Boolean enabled, String email) {
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Transactional
    public User create(AuditLog.Actor actor, NewUser request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            errors.add(new FieldError("username", "validation.username"));
        }
        checkPassword(request.username(), request.password(), errors);
        if (request.roles() == null || request.roles().isEmpty()) {
            errors.add(new FieldError("roles", "validation.roles.required"));
        } else {
            checkSeparation(request.roles(), errors);
        }
        if (request.clearance() == null) {
            errors.add(new FieldError("clearance", "validation.required"));
        }
        checkEmail(request.email(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        // "Admin" beside "admin" would be a second account that reads like the first in every list.
        if (users.existsIgnoringCase(request.username())) {
            throw ProblemException.conflict("problem.user.exists", request.username());
        }
        String displayName = blankToNull(request.displayName());
        Instant now = Instant.now(clock);
        User user = new User(request.username(), displayName == null ? request.username() : displayName,
                credentials.hash(request.password()), EnumSet.copyOf(request.roles()), request.clearance(),
                blankToNull(request.department()), now);
        if (blankToNull(request.email()) != null) {
            user.changeEmail(request.email().trim(), now);
        }
        users.add(user);
        audit.record(actor, AccessAuditActions.USER_CREATED, "user:" + user.username(), Outcome.SUCCESS,
                describe(user));
        auditGrant(actor, user, AccessPolicy.Standing.NOBODY);
        return user;
    }

    @Transactional
    public User change(AuditLog.Actor actor, String username, UserChange change) {
        User user = users.find(username).orElseThrow(() -> ProblemException.notFound("problem.user.unknown", username));
        List<String> ownStanding = standingChanges(user, change);
        if (isSelf(actor, user) && !ownStanding.isEmpty()) {
            Map<String, Object> refused = new LinkedHashMap<>();
            refused.put("operation", CHANGE_SELF);
            refused.put("fields", String.join(",", ownStanding));
            audit.recordSeparately(actor, AccessAuditActions.ACCESS_DENIED, "user:" + user.username(), Outcome.DENIED,
                    refused);
            throw ProblemException.forbidden("problem.user.self");
        }
        AccessPolicy.Standing before = AccessPolicy.Standing.of(user);
        List<FieldError> errors = new ArrayList<>();
        if (change.password() != null) {
            checkPassword(user.username(), change.password(), errors);
        }
        checkEmail(change.email(), errors);
        if (change.roles() != null && change.roles().isEmpty()) {
            errors.add(new FieldError("roles", "validation.roles.required"));
        } else if (change.roles() != null) {
            checkSeparation(change.roles(), errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Instant now = Instant.now(clock);
        if (change.displayName() != null && !change.displayName().isBlank()) {
            user.changeDisplayName(change.displayName().trim(), now);
        }
        if (change.password() != null) {
            user.changePasswordHash(credentials.hash(change.password()), now);
        }
        if (change.roles() != null) {
            user.changeRoles(EnumSet.copyOf(change.roles()), now);
        }
        if (change.clearance() != null) {
            user.changeClearance(change.clearance(), now);
        }
        if (change.department() != null) {
            user.moveToDepartment(blankToNull(change.department()), now);
        }
        if (change.enabled() != null) {
            user.setEnabled(change.enabled(), now);
        }
        if (change.email() != null) {
            user.changeEmail(blankToNull(change.email()), now);
        }
        credentials.forget(user.username());
        Map<String, Object> details = describe(user);
        details.put("passwordChanged", change.password() != null);
        audit.record(actor, AccessAuditActions.USER_CHANGED, "user:" + user.username(), Outcome.SUCCESS, details);
        auditGrant(actor, user, before);
        if (change.password() != null && !isSelf(actor, user)) {
            // Whoever sets another's password can sign in as them until they change it.
            audit.record(actor, AccessAuditActions.USER_PASSWORD_RESET, "user:" + user.username(), Outcome.SUCCESS,
                    Map.of("readsContent", !AccessPolicy.Standing.of(user).readingRoles().isEmpty()));
        }
        return user;
    }

    /** The acting user's own account, however the name in the request was written. */
    private static boolean isSelf(AuditLog.Actor actor, User user) {
        return actor.name() != null && actor.name().strip().equalsIgnoreCase(user.username());
    }

    /** The fields of the change that would alter the user's standing (a field repeating the current value does not). */
    private static List<String> standingChanges(User user, UserChange change) {
        List<String> fields = new ArrayList<>();
        if (change.roles() != null && !new HashSet<>(change.roles()).equals(user.roles())) {
            fields.add("roles");
        }
        if (change.clearance() != null && change.clearance() != user.clearance()) {
            fields.add("clearance");
        }
        if (change.department() != null && !Objects.equals(blankToNull(change.department()), user.department())) {
            fields.add("department");
        }
        if (change.enabled() != null && change.enabled() != user.enabled()) {
            fields.add("enabled");
        }
        return fields;
    }

    /** A change that widens what the user reads is recorded as a grant, besides the change itself. */
    private void auditGrant(AuditLog.Actor actor, User user, AccessPolicy.Standing before) {
        AccessPolicy.Standing after = AccessPolicy.Standing.of(user);
        if (!AccessPolicy.widens(before, after)) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rolesBefore", new TreeSet<>(before.roles()).toString());
        details.put("rolesAfter", new TreeSet<>(after.roles()).toString());
        details.put("clearanceBefore", before == AccessPolicy.Standing.NOBODY ? null : before.clearance().name());
        details.put("clearanceAfter", after.clearance().name());
        details.put("departmentBefore", before.department());
        details.put("departmentAfter", after.department());
        details.put("enabledBefore", before.enabled());
        details.put("newAccount", before == AccessPolicy.Standing.NOBODY);
        audit.record(actor, AccessAuditActions.USER_PRIVILEGE_GRANTED, "user:" + user.username(), Outcome.SUCCESS,
                details);
    }

    /**
     * Who administers users reads no records: otherwise a second administrator account, made for the
     * purpose, could grant the first one the content access it may not grant itself.
     */
    private static void checkSeparation(Set<Role> roles, List<FieldError> errors) {
        if (roles.contains(Role.ADMIN) && !AccessPolicy.readingRoles(roles).isEmpty()) {
            errors.add(new FieldError("roles", "validation.roles.admin.reads"));
        }
    }

    private static void checkEmail(String email, List<FieldError> errors) {
        if (email != null && !email.isBlank() && !EMAIL.matcher(email.trim()).matches()) {
            errors.add(new FieldError("email", "validation.email"));
        }
    }

    private static void checkPassword(String username, String password, List<FieldError> errors) {
        PasswordPolicy.check(username, password)
                .ifPresent(refusal -> errors.add(new FieldError("password", refusal.messageKey(), refusal.args())));
    }

    private static Map<String, Object> describe(User user) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("roles", user.roles().toString());
        details.put("clearance", user.clearance().name());
        details.put("department", user.department());
        details.put("enabled", user.enabled());
        return details;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package cn.insurer.archive.access;

import cn.insurer.archive.api.FieldError;
import cn.insurer.archive.api.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Creating and changing users: what an ADMIN does. */
@ApplicationScoped
public class UserDirectory {

    static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,64}");

    @Inject
    UserRepository users;

    @Inject
    Credentials credentials;

    @Inject
    AuditLog audit;

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
        checkPassword(request.password(), errors);
        if (request.roles() == null || request.roles().isEmpty()) {
            errors.add(new FieldError("roles", "validation.roles.required"));
        }
        if (request.clearance() == null) {
            errors.add(new FieldError("clearance", "validation.required"));
        }
        checkEmail(request.email(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (users.find(request.username()).isPresent()) {
            throw ProblemException.conflict("problem.user.exists", request.username());
        }
        String displayName = blankToNull(request.displayName());
        User user = new User(request.username(), displayName == null ? request.username() : displayName,
                credentials.hash(request.password()), EnumSet.copyOf(request.roles()), request.clearance(),
                blankToNull(request.department()));
        if (blankToNull(request.email()) != null) {
            user.changeEmail(request.email().trim());
        }
        users.add(user);
        audit.record(actor, AccessAuditActions.USER_CREATED, "user:" + user.username(), Outcome.SUCCESS,
                describe(user));
        return user;
    }

    @Transactional
    public User change(AuditLog.Actor actor, String username, UserChange change) {
        User user = users.find(username).orElseThrow(() -> ProblemException.notFound("problem.user.unknown", username));
        List<FieldError> errors = new ArrayList<>();
        if (change.password() != null) {
            checkPassword(change.password(), errors);
        }
        checkEmail(change.email(), errors);
        if (change.roles() != null && change.roles().isEmpty()) {
            errors.add(new FieldError("roles", "validation.roles.required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (change.displayName() != null && !change.displayName().isBlank()) {
            user.changeDisplayName(change.displayName().trim());
        }
        if (change.password() != null) {
            user.changePasswordHash(credentials.hash(change.password()));
        }
        if (change.roles() != null) {
            user.changeRoles(EnumSet.copyOf(change.roles()));
        }
        if (change.clearance() != null) {
            user.changeClearance(change.clearance());
        }
        if (change.department() != null) {
            user.moveToDepartment(blankToNull(change.department()));
        }
        if (change.enabled() != null) {
            user.setEnabled(change.enabled());
        }
        if (change.email() != null) {
            user.changeEmail(blankToNull(change.email()));
        }
        credentials.forget(username);
        Map<String, Object> details = describe(user);
        details.put("passwordChanged", change.password() != null);
        audit.record(actor, AccessAuditActions.USER_CHANGED, "user:" + username, Outcome.SUCCESS, details);
        return user;
    }

    private static void checkEmail(String email, List<FieldError> errors) {
        if (email != null && !email.isBlank() && !EMAIL.matcher(email.trim()).matches()) {
            errors.add(new FieldError("email", "validation.email"));
        }
    }

    private static void checkPassword(String password, List<FieldError> errors) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "validation.password.short", MIN_PASSWORD_LENGTH));
        }
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

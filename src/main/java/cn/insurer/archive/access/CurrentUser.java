package cn.insurer.archive.access;

import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Arrays;
import java.util.Map;

/** The signed-in user of the current request, loaded once per request. */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityContext security;

    @Inject
    HttpServletRequest request;

    @Inject
    UserRepository users;

    @Inject
    AuditLog audit;

    private User user;

    public User get() {
        if (user == null) {
            Principal principal = security.getCallerPrincipal();
            if (principal == null) {
                throw ProblemException.unauthenticated("problem.auth.required");
            }
            user = users.find(principal.getName()).filter(User::enabled)
                    .orElseThrow(() -> ProblemException.unauthenticated("problem.auth.failed"));
        }
        return user;
    }

    public AuditLog.Actor actor() {
        return new AuditLog.Actor(get().username(), request.getRemoteAddr());
    }

    /** Passes when the user's roles grant the permission; otherwise the refusal is audited and 403 answered. */
    public User require(Permission permission) {
        User current = get();
        if (permission.grantedTo(current)) {
            return current;
        }
        throw deny(permission.operation(), null);
    }

    /** Passes when the user holds any of the roles; otherwise the refusal is audited and 403 answered. */
    public User requireAnyRole(String operation, Role... roles) {
        User current = get();
        if (Arrays.stream(roles).anyMatch(current::hasRole)) {
            return current;
        }
        throw deny(operation, null);
    }

    /** Audits a refusal in its own transaction and returns the 403 to throw. */
    public ProblemException deny(String operation, String target) {
        audit.recordSeparately(actor(), AccessAuditActions.ACCESS_DENIED, target, Outcome.DENIED,
                Map.of("operation", operation));
        return ProblemException.forbidden("problem.forbidden", operation);
    }
}

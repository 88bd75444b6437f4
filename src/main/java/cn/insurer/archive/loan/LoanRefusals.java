package cn.insurer.archive.loan;

import cn.insurer.archive.access.AccessAuditActions;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every refusal of the loan desk is an audit event, written in its own transaction because the
 * request it belongs to fails and rolls back: someone probing loans, approving out of turn or
 * returning another's loan leaves a trace. A refusal for want of a right (403) is an
 * {@code ACCESS_DENIED}; any other (a loan already decided, a missing comment) a {@code LOAN_REFUSED}.
 */
@ApplicationScoped
public class LoanRefusals {

    @Inject
    AuditLog audit;

    /** Audits the refusal and returns the answer to throw. */
    public ProblemException refuse(AuditLog.Actor actor, String operation, String target, String reason, ProblemException answer) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("operation", operation);
        details.put("reason", reason);
        details.put("kind", answer.kind().name());
        audit.recordSeparately(actor, answer.kind() == ProblemException.Kind.FORBIDDEN ? AccessAuditActions.ACCESS_DENIED : LoanAuditActions.LOAN_REFUSED,
                target, Outcome.DENIED, details);
        return answer;
    }

    /** A refusal for want of a right: 403, audited as {@code ACCESS_DENIED}. */
    public ProblemException deny(AuditLog.Actor actor, String operation, String target, String reason) {
        return refuse(actor, operation, target, reason, ProblemException.forbidden("problem.forbidden", operation));
    }
}

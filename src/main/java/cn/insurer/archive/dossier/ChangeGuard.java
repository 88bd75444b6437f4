package cn.insurer.archive.dossier;

import cn.insurer.archive.access.AccessAuditActions;
import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.ProtectedRecord;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one gate before a dossier or item is changed. A refusal is audited in its own transaction,
 * since the request it belongs to fails and rolls back.
 */
@ApplicationScoped
public class ChangeGuard {

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    /** Passes when the user's own standing covers the record; otherwise audits and answers 403. */
    public void requireChange(AuditLog.Actor actor, User user, ProtectedRecord record, String operation, String target) {
        if (!access.canChange(user, record)) {
            throw refuse(actor, operation, target, Map.of());
        }
    }

    /**
     * The same gate for a dossier named by id where its existence is not to be revealed: one the
     * user may not read is answered as unknown (404), one they may read only through a loan is
     * refused (403, a loan lends reading, never changes); both audited.
     */
    public void requireChangeOfKnown(AuditLog.Actor actor, User user, Dossier dossier, String operation,
                                     String target, Object id) {
        if (!access.canRead(user, dossier)) {
            throw refuse(actor, operation, target, Map.of("refusal", "unreadable"),
                    ProblemException.notFound("problem.dossier.unknown", id));
        }
        requireChange(actor, user, dossier, operation, target);
    }

    /** Audits a refusal of the operation, with what was asked, and returns the 403 to throw. */
    public ProblemException refuse(AuditLog.Actor actor, String operation, String target, Map<String, ?> asked) {
        return refuse(actor, operation, target, asked, ProblemException.forbidden("problem.forbidden", operation));
    }

    /** The same, answering with a refusal that says more than the operation's name. */
    public ProblemException refuse(AuditLog.Actor actor, String operation, String target, Map<String, ?> asked,
                                   ProblemException answer) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("operation", operation);
        details.putAll(asked);
        audit.recordSeparately(actor, AccessAuditActions.ACCESS_DENIED, target, Outcome.DENIED, details);
        return answer;
    }
}

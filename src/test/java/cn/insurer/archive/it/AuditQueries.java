package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What the audit trail says of one actor, read as an auditor: the evidence that a refusal was recorded. */
final class AuditQueries {

    private AuditQueries() {
    }

    /** The audit events of one actor, action and target, newest first. */
    static JsonNode audited(ApiClient auditor, ApiClient actor, String action, String target) {
        ApiClient.Reply reply = auditor.get(ApiClient.query("/api/audit", Map.of("actor", actor.username(), "action", action,
                "target", target)));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().get("events");
    }

    /** Fails unless the actor's refusal of the operation on the target is in the trail as ACCESS_DENIED. */
    static void assertDenied(ApiClient auditor, ApiClient actor, String target, String operation) {
        JsonNode events = audited(auditor, actor, "ACCESS_DENIED", target);
        for (JsonNode event : events) {
            if (operation.equals(event.get("details").path("operation").asText())) {
                assertEquals("DENIED", event.get("outcome").asText());
                return;
            }
        }
        throw new AssertionError("no ACCESS_DENIED of " + operation + " on " + target + " by " + actor.username() + ": " + events);
    }
}

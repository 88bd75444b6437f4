package cn.insurer.archive.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Appends to the audit trail. A change and its event share one transaction: if the event cannot be
 * written, the change does not happen. Denials are written in their own transaction because the
 * request they belong to fails.
 */
@ApplicationScoped
public class AuditLog {

    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, AuditAction action, String target, Outcome outcome, Map<String, ?> details) {
        append(actor, action, target, outcome, details);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordSeparately(Actor actor, AuditAction action, String target, Outcome outcome,
                                 Map<String, ?> details) {
        append(actor, action, target, outcome, details);
    }

    private void append(Actor actor, AuditAction action, String target, Outcome outcome, Map<String, ?> details) {
        em.persist(new AuditEvent(Instant.now(), actor.name(), action.code(), target, outcome, actor.address(),
                toJson(details)));
    }

    private static String toJson(Map<String, ?> details) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (details != null) {
            details.forEach((key, value) -> {
                if (value == null) {
                    json.addNull(key);
                } else if (value instanceof Number number) {
                    json.add(key, new BigDecimal(number.toString()));
                } else if (value instanceof Boolean flag) {
                    json.add(key, flag);
                } else {
                    json.add(key, value.toString());
                }
            });
        }
        return json.build().toString();
    }

    /** Who did it and from where; {@code system} for the server's own background work. */
    public record Actor(String name, String address) {

        public static final Actor SYSTEM = new Actor("system", null);
    }
}

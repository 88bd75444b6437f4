package cn.insurer.archive.audit;

import cn.insurer.archive.platform.Histogram;
import cn.insurer.archive.platform.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Appends to the audit trail. A change and its event share one transaction: the events are written
 * to the hash chain just before that transaction commits, and if they cannot be written the
 * transaction rolls back, so the change does not happen either. Denials are written in their own
 * transaction because the request they belong to fails.
 */
@ApplicationScoped
public class AuditLog {

    private static final Object PENDING = new Object();

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource(lookup = "java:jboss/datasources/ArchiveDS")
    DataSource dataSource;

    @Inject
    Metrics metrics;

    @Inject
    Clock clock;

    /** From taking the chain's head lock to the last event written: includes waiting for other appends. */
    private Histogram appendLatency;

    @PostConstruct
    void register() {
        appendLatency = metrics.histogram("archive_audit_append_seconds",
                "Time to append a transaction's events to the audit chain, waiting for the head row's lock included, in seconds",
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, AuditAction action, String target, Outcome outcome, Map<String, ?> details) {
        pending().add(new PendingEvent(Instant.now(clock), actor.name(), action.code(), target, outcome, actor.address(),
                toJson(details)));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordSeparately(Actor actor, AuditAction action, String target, Outcome outcome,
                                 Map<String, ?> details) {
        record(actor, action, target, outcome, details);
    }

    @SuppressWarnings("unchecked")
    private List<PendingEvent> pending() {
        List<PendingEvent> events = (List<PendingEvent>) transactions.getResource(PENDING);
        if (events == null) {
            List<PendingEvent> created = new ArrayList<>();
            transactions.putResource(PENDING, created);
            // Interposed: runs after the persistence context has flushed, so the chain is the last write.
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
                        return;
                    }
                    try {
                        long started = System.nanoTime();
                        ChainAppender.append(dataSource, created);
                        appendLatency.observeSince(started);
                    } catch (SQLException | RuntimeException e) {
                        transactions.setRollbackOnly();
                        throw new IllegalStateException("the audit trail could not be written; the change is rolled back", e);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    // Nothing to release: the events lived only as long as the transaction.
                }
            });
            events = created;
        }
        return events;
    }

    static String toJson(Map<String, ?> details) {
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

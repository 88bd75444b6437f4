package cn.insurer.archive.audit;

import cn.insurer.archive.platform.Histogram;
import cn.insurer.archive.platform.Metrics;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

    /** Details become part of the hash chain: written the same way, byte for byte, as the events before them. */
    private static final JsonFactory DETAILS = new JsonFactoryBuilder().characterEscapes(new EarlierEscapes()).build();

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

    /**
     * A flat JSON object in the map's order: numbers and booleans as such, null as null, and
     * anything else (nested maps and lists too) as its {@code toString()} text, as always written.
     */
    static String toJson(Map<String, ?> details) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = DETAILS.createGenerator(out)) {
            json.writeStartObject();
            if (details != null) {
                for (Map.Entry<String, ?> entry : details.entrySet()) {
                    json.writeFieldName(entry.getKey());
                    Object value = entry.getValue();
                    if (value == null) {
                        json.writeNull();
                    } else if (value instanceof Number number) {
                        json.writeNumber(new BigDecimal(number.toString()));
                    } else if (value instanceof Boolean flag) {
                        json.writeBoolean(flag);
                    } else {
                        json.writeString(value.toString());
                    }
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The escapes of the JSON-P writer that wrote the trail's earlier events: Jackson's own, except
     * that a control character without a short escape has its four hex digits in lower case
     * ({@code 001b}, not {@code 001B}). Everything else, Chinese, {@code <} and {@code /} included,
     * is written as it is.
     */
    private static final class EarlierEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] ascii = standardAsciiEscapesForJSON();

        EarlierEscapes() {
            for (int c = 0; c < 0x20; c++) {
                if (ascii[c] == ESCAPE_STANDARD) {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return c < 0x20 ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    }

    /** Who did it and from where; {@code system} for the server's own background work. */
    public record Actor(String name, String address) {

        public static final Actor SYSTEM = new Actor("system", null);
    }
}

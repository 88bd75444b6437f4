package cn.insurer.archive.audit;

import java.time.Instant;

/** An event recorded during a transaction, written to the chain when the transaction commits. */
record PendingEvent(Instant at, String actor, String action, String target, Outcome outcome, String clientAddress,
                    String details) {
}

package cn.insurer.archive.retention;

import java.time.LocalDate;

/**
 * The rule that decides how long a dossier is kept. {@code dispositionDate} is the first day on
 * which the dossier may be disposed of; it is null while the trigger is pending and for permanent
 * records. A dossier not yet sealed has its date worked out but is never due: only archived
 * records are appraised and disposed of.
 */
public record RetentionDecision(String ruleId, String policyVersion, Trigger trigger, LocalDate triggerDate,
                                LocalDate dispositionDate, State state, RuleAction action) {

    public enum State {
        SCHEDULED,
        PENDING_TRIGGER,
        PERMANENT,
        AWAITING_SEAL
    }

    /** Used when no rule covers a dossier: without a rule it must never become due. */
    public static final String UNCLASSIFIED = "UNCLASSIFIED";

    public boolean dueOn(LocalDate day) {
        return state == State.SCHEDULED && !dispositionDate.isAfter(day);
    }

    /** The same decision for a dossier still open: its dates stand, but it waits for its seal. */
    RetentionDecision awaitingSeal() {
        return state == State.SCHEDULED
                ? new RetentionDecision(ruleId, policyVersion, trigger, triggerDate, dispositionDate, State.AWAITING_SEAL, action)
                : this;
    }
}

package cn.insurer.archive.retention;

import java.time.LocalDate;

/**
 * The rule that decides how long a dossier is kept. {@code dispositionDate} is the first day on
 * which the dossier may be disposed of; it is null while the trigger is pending and for permanent
 * records.
 */
public record RetentionDecision(String ruleId, String policyVersion, Trigger trigger, LocalDate triggerDate,
                                LocalDate dispositionDate, State state, RuleAction action) {

    public enum State {
        SCHEDULED,
        PENDING_TRIGGER,
        PERMANENT
    }

    /** Used when no rule covers a dossier: without a rule it must never become due. */
    public static final String UNCLASSIFIED = "UNCLASSIFIED";

    public boolean dueOn(LocalDate day) {
        return state == State.SCHEDULED && !dispositionDate.isAfter(day);
    }
}

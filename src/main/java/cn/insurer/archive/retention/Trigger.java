package cn.insurer.archive.retention;

/** The event a retention period is counted from. */
public enum Trigger {
    POLICY_TERMINATED,
    CLAIM_CLOSED,
    FISCAL_YEAR_END,
    DISPUTE_CLOSED,
    SEALED
}

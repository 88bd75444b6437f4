package cn.insurer.archive.retention;

/** What is due when a rule's period ends: an appraisal, destruction, or transfer to the archives. */
public enum RuleAction {
    REVIEW,
    DESTROY,
    TRANSFER
}

package cn.insurer.archive.dossier;

/** Events in the life of a policy or claim that start retention clocks and fix the archival year. */
public enum BusinessEvent {
    POLICY_TERMINATED,
    CLAIM_CLOSED,
    DISPUTE_OPENED,
    DISPUTE_CLOSED
}

package cn.insurer.archive.dossier;

/** Events in the life of a policy or claim that start retention clocks and fix the archival year. */
public enum BusinessEvent {
    POLICY_TERMINATED,
    CLAIM_CLOSED,
    DISPUTE_OPENED,
    DISPUTE_CLOSED;

    /**
     * Whether a dossier of {@code type} can have this event: a claim closes, a policy (or the
     * policy behind a claim) terminates; any dossier can be disputed, an employee's file in a labour
     * dispute as much as a claim in court. Accounting records run from their fiscal year instead.
     */
    public boolean appliesTo(DossierType type) {
        return switch (this) {
            case CLAIM_CLOSED -> type == DossierType.CLAIM;
            case POLICY_TERMINATED -> type.insurance();
            case DISPUTE_OPENED, DISPUTE_CLOSED -> true;
        };
    }
}

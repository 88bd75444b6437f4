package cn.insurer.archive.audit;

/**
 * The outcome of recomputing the chain: either intact, or the first link that is broken and why.
 */
public record ChainVerification(boolean verified, long events, int checkpoints, Long firstBrokenSeq, String reason,
                                double seconds) {

    static ChainVerification intact(long events, int checkpoints, double seconds) {
        return new ChainVerification(true, events, checkpoints, null, null, seconds);
    }

    static ChainVerification broken(long events, int checkpoints, long seq, String reason, double seconds) {
        return new ChainVerification(false, events, checkpoints, seq, reason, seconds);
    }
}

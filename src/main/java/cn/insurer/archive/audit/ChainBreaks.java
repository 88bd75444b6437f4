package cn.insurer.archive.audit;

import java.util.concurrent.atomic.AtomicReference;

/** The earliest broken link found so far by any thread. */
final class ChainBreaks {

    /** A broken link; of two at the same event, the lower rank is the one an in-order check meets first. */
    record Break(long seq, int rank, String reason) {

        boolean precedes(Break other) {
            return seq < other.seq || seq == other.seq && rank < other.rank;
        }
    }

    private final AtomicReference<Break> first = new AtomicReference<>();

    void offer(Break found) {
        first.accumulateAndGet(found, (current, offered) -> current == null || offered.precedes(current) ? offered : current);
    }

    boolean before(long seq) {
        Break found = first.get();
        return found != null && found.seq() <= seq;
    }

    Break first() {
        return first.get();
    }
}

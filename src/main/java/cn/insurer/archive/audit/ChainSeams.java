package cn.insurer.archive.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Joins stretches of the trail that were checked apart, in sequence order: each must end where the
 * next one starts, and the next one's first event must name the hash the last one's last event
 * stores. A seam is broken with the same reasons an in-order check would give at that event.
 */
final class ChainSeams {

    /** One stretch as its reader left it; {@code whole} when its copy was read to the end. */
    record Stretch(ChainLinks links, boolean whole) {
    }

    private ChainSeams() {
    }

    /**
     * Walks the stretches (null for one not read) until the first that did not pass whole, offering
     * a break at any broken seam; returns the next sequence number the trail should hold after them.
     */
    static long join(Stretch[] stretches, ChainBreaks breaks) {
        long expected = 1;
        byte[] lastHash = CanonicalForm.GENESIS_HASH.getBytes(StandardCharsets.UTF_8);
        for (Stretch stretch : stretches) {
            if (stretch == null) {
                break;
            }
            ChainLinks links = stretch.links();
            if (links.firstSeen() >= 0 && expected != links.firstSeq()) {
                breaks.offer(new ChainBreaks.Break(expected, 0, "event " + expected + " is missing (next found: " + links.firstSeen() + ")"));
                break;
            }
            if (links.any()) {
                if (links.firstSeq() > 1 && !Arrays.equals(links.firstNamed(), lastHash)) {
                    breaks.offer(new ChainBreaks.Break(links.firstSeq(), 0, "does not name the hash of event " + (links.firstSeq() - 1)));
                    break;
                }
                expected = links.expectedSeq();
                lastHash = links.lastHash();
            }
            if (!stretch.whole()) {
                break;
            }
        }
        return expected;
    }
}

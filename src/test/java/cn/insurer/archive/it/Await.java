package cn.insurer.archive.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls the running server until background work (extraction, indexing, sweeps) has produced a state. */
public final class Await {

    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private Await() {
    }

    public static JsonNode until(Supplier<JsonNode> probe, Predicate<JsonNode> done) {
        return until(probe, done, PATIENCE);
    }

    public static JsonNode until(Supplier<JsonNode> probe, Predicate<JsonNode> done, Duration patience) {
        return poll(probe, done, patience, Duration.ofMillis(500), "answer");
    }

    /** Polls every 100 ms, for tests that report how long something took. */
    public static <T> T within(Supplier<T> probe, Predicate<T> done, Duration patience, String what) {
        return poll(probe, done, patience, Duration.ofMillis(100), what);
    }

    private static <T> T poll(Supplier<T> probe, Predicate<T> done, Duration patience, Duration every, String what) {
        Instant deadline = Instant.now().plus(patience);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(what + ": not reached within " + patience + "; last: " + last);
    }
}

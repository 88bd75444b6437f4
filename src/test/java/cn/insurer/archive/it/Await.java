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
        Instant deadline = Instant.now().plus(patience);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("not reached within " + patience + "; last answer: " + last);
    }
}

package cn.insurer.archive.platform;

import java.util.concurrent.atomic.LongAdder;

/** A count that only goes up, from any thread; Prometheus derives rates from it. */
public final class Counter {

    private final LongAdder count = new LongAdder();

    Counter() {
    }

    public void increment() {
        count.increment();
    }

    public void add(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("a counter only goes up: " + amount);
        }
        count.add(amount);
    }

    public long value() {
        return count.sum();
    }
}

package cn.insurer.archive.platform;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted into fixed buckets, from any thread. Each observation is counted once, in
 * the lowest bucket it fits; the cumulative counts Prometheus expects are summed when read, so the
 * {@code +Inf} bucket and the count always agree.
 */
public final class Histogram {

    private final double[] bounds;
    /** One per bound, and one last for what lies above them all. */
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(double[] bounds) {
        if (bounds.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bucket");
        }
        for (int i = 0; i < bounds.length; i++) {
            if (!Double.isFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must be finite and ascending: " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
        this.counts = new LongAdder[bounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void observe(double value) {
        int found = Arrays.binarySearch(bounds, value);
        counts[found >= 0 ? found : -found - 1].increment();
        sum.add(value);
    }

    /** The seconds since {@code startedNanos}, a reading of {@link System#nanoTime()}. */
    public void observeSince(long startedNanos) {
        observe((System.nanoTime() - startedNanos) / 1e9);
    }

    boolean sameBounds(double[] other) {
        return Arrays.equals(bounds, other);
    }

    Snapshot snapshot() {
        long[] cumulative = new long[bounds.length];
        long running = 0;
        for (int i = 0; i < bounds.length; i++) {
            running += counts[i].sum();
            cumulative[i] = running;
        }
        running += counts[bounds.length].sum();
        return new Snapshot(bounds.clone(), cumulative, running, sum.sum());
    }

    /** The buckets' cumulative counts, one per bound, then the count of all and their sum. */
    record Snapshot(double[] bounds, long[] cumulative, long count, double sum) {
    }
}

package cn.insurer.archive.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a list of queries against one system from a number of concurrent clients for a while and
 * reports latency percentiles and throughput. Each client has its own connection (for systems
 * that have one) and starts at a different place in the list, so clients do not run the same
 * query in lockstep.
 */
final class LoadRun {

    /** One client's session with the system under test; {@link #query} returns the number of matches. */
    interface Client extends AutoCloseable {
        long query(String q) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    @FunctionalInterface
    interface System {
        Client open() throws Exception;
    }

    record Figures(int queries, double p50Millis, double p99Millis, double perSecond) {
    }

    private LoadRun() {
    }

    /**
     * Each client runs queries until {@code duration} has passed and it has run at least
     * {@code minimumPerClient}; the slow baselines would otherwise give too few samples.
     */
    static Figures measure(System system, List<String> queries, int clients, Duration duration, int minimumPerClient)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch ready = new CountDownLatch(clients);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c * Math.max(1, queries.size() / clients);
                results.add(pool.submit(() -> {
                    try (Client client = system.open()) {
                        ready.countDown();
                        go.await();
                        return runClient(client, queries, first, duration, minimumPerClient);
                    }
                }));
            }
            ready.await();
            long start = java.lang.System.nanoTime();
            go.countDown();
            List<long[]> perClient = new ArrayList<>();
            for (Future<long[]> result : results) {
                perClient.add(result.get());
            }
            long wall = java.lang.System.nanoTime() - start;
            long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Figures(all.length, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6,
                    all.length / (wall / 1e9));
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] runClient(Client client, List<String> queries, int first, Duration duration,
            int minimumPerClient) throws Exception {
        long deadline = java.lang.System.nanoTime() + duration.toNanos();
        long[] nanos = new long[1024];
        int n = 0;
        while (n < minimumPerClient || java.lang.System.nanoTime() < deadline) {
            String q = queries.get((first + n) % queries.size());
            long start = java.lang.System.nanoTime();
            client.query(q);
            if (n == nanos.length) {
                nanos = Arrays.copyOf(nanos, n * 2);
            }
            nanos[n++] = java.lang.System.nanoTime() - start;
        }
        return Arrays.copyOf(nanos, n);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

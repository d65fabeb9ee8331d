package io.lisastream.bench.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one benchmark run's sinks saw, shared in the JVM by run id (the job runs in a local
 * MiniCluster in this process, so its sink writers and the driver meet here): recommendations and
 * dead letters counted, and a histogram of event-to-recommendation latencies in whole milliseconds
 * (the click's timestamp, set when the click was made, to the wall clock when the sink receives
 * its recommendation).
 */
final class RunStats {
    private static final Map<String, RunStats> RUNS = new ConcurrentHashMap<>();
    private static final int MAX_MS = 600_000;

    final AtomicLong recommendations = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLongArray latencyMs = new AtomicLongArray(MAX_MS + 1);
    private volatile boolean recordLatency;

    static RunStats open(String runId) {
        RunStats s = new RunStats();
        if (RUNS.putIfAbsent(runId, s) != null) {
            throw new IllegalStateException("run " + runId + " exists");
        }
        return s;
    }

    static RunStats of(String runId) {
        RunStats s = RUNS.get(runId);
        if (s == null) {
            throw new IllegalStateException("no benchmark run " + runId + " in this JVM");
        }
        return s;
    }

    static void close(String runId) {
        RUNS.remove(runId);
    }

    /** A recommendation for a click made at {@code clickMillis} arrived now. */
    void recommendation(long clickMillis, long nowMillis) {
        recommendations.incrementAndGet();
        if (recordLatency) {
            long ms = Math.max(0, Math.min(MAX_MS, nowMillis - clickMillis));
            latencyMs.incrementAndGet((int) ms);
        }
    }

    /** True once the job served its first recommendation (the model is loaded). */
    boolean primed() {
        return recommendations.get() > 0;
    }

    /** Clears the latency histogram and starts recording. */
    void startLatency() {
        for (int i = 0; i <= MAX_MS; i++) {
            latencyMs.set(i, 0);
        }
        recordLatency = true;
    }

    void stopLatency() {
        recordLatency = false;
    }

    long latencyCount() {
        long n = 0;
        for (int i = 0; i <= MAX_MS; i++) {
            n += latencyMs.get(i);
        }
        return n;
    }

    /** The p-quantile (0..1) of recorded latencies in ms, nearest rank; NaN when none. */
    double latencyQuantile(double p) {
        long n = latencyCount();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p * n));
        long seen = 0;
        for (int i = 0; i <= MAX_MS; i++) {
            seen += latencyMs.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return MAX_MS;
    }
}

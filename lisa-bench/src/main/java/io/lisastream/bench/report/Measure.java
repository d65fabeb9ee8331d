package io.lisastream.bench.report;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Times one call on the calling thread and counts the heap bytes it allocated, read from
 * {@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()} before and after (TLAB
 * and large-array allocations alike; exact to the byte for the arrays a kernel allocates). The
 * kernels measured here allocate all their working arrays inside the call and keep every one of
 * them until it returns, so these bytes are also the call's peak live working set.
 */
public final class Measure {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Keeps results reachable so the JIT cannot drop the work. */
    private static volatile Object sink;

    private Measure() {
    }

    /** One measured call. */
    /** Wall-clock and thread CPU nanoseconds of one call, and the bytes it allocated. */
    public record Sample(long nanos, long cpuNanos, long allocatedBytes) {
        public double millis() {
            return nanos / 1e6;
        }

        public double cpuMillis() {
            return cpuNanos / 1e6;
        }
    }

    public static boolean allocationCountingAvailable() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    /** Runs {@code work} once after a full GC (so no collection of earlier garbage lands inside the timing). */
    public static Sample once(Supplier<?> work) {
        System.gc();
        long bytes0 = THREADS.getCurrentThreadAllocatedBytes();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Object result = work.get();
        long t1 = System.nanoTime();
        long cpu1 = THREADS.getCurrentThreadCpuTime();
        long bytes1 = THREADS.getCurrentThreadAllocatedBytes();
        sink = result;
        sink = null;
        return new Sample(t1 - t0, cpu1 - cpu0, bytes1 - bytes0);
    }

    /** Median of the values (mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The p-quantile (0..1) of sorted values, nearest rank. */
    public static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

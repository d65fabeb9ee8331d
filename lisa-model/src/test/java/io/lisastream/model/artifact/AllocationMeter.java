package io.lisastream.model.artifact;

import java.lang.management.ManagementFactory;

/**
 * Bytes of heap the current thread has allocated so far (HotSpot's per-thread counter), to check
 * that a reader's memory follows the bytes it was given, not the sizes a header claims.
 */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private AllocationMeter() {
    }

    /** Bytes allocated by the calling thread since it started (monotonic). */
    static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}

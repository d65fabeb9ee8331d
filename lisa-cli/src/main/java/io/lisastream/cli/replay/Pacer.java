package io.lisastream.cli.replay;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds a sender to a rate: record k leaves no earlier than start + k / rate. Falling behind is not
 * made up with a burst beyond what was missed (the schedule is absolute, so the average holds).
 * A rate of 0 or less means as fast as possible.
 */
final class Pacer {
    private final double nanosPerEvent;
    private long start = -1;

    Pacer(double eventsPerSecond) {
        this.nanosPerEvent = eventsPerSecond > 0 ? 1e9 / eventsPerSecond : 0;
    }

    /** Waits until record {@code k} (0-based) may be sent. */
    void await(long k) throws InterruptedException {
        long now = System.nanoTime();
        if (start < 0) {
            start = now;
        }
        if (nanosPerEvent == 0) {
            return;
        }
        long due = start + (long) (k * nanosPerEvent);
        while (now < due) {
            LockSupport.parkNanos(Math.min(due - now, TimeUnit.MILLISECONDS.toNanos(50)));
            if (Thread.interrupted()) {
                throw new InterruptedException("replay interrupted");
            }
            now = System.nanoTime();
        }
    }
}

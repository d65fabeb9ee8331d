package io.lisastream.cli.demo;

import java.util.Arrays;

/** Event-to-recommendation latencies in milliseconds, appended from one thread, read from any. */
final class Latencies {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    synchronized int size() {
        return size;
    }

    /** The p-th percentile (nearest rank, p in (0, 100]) of all values, or NaN when there are none. */
    double percentile(double p) {
        return percentileFrom(0, p);
    }

    /** The p-th percentile of the values appended at or after position {@code from}. */
    double percentileFrom(int from, double p) {
        long[] copy;
        synchronized (this) {
            if (from >= size) {
                return Double.NaN;
            }
            copy = Arrays.copyOfRange(values, from, size);
        }
        Arrays.sort(copy);
        int rank = (int) Math.ceil(p / 100.0 * copy.length);
        return copy[Math.max(0, Math.min(copy.length - 1, rank - 1))];
    }
}

package io.lisastream.trainer.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time per part of a step, accumulated (for profiling what dominates a step). */
public final class StepTimes {
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    void add(String part, long startNanos) {
        nanos.merge(part, System.nanoTime() - startNanos, Long::sum);
    }

    public Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v / 1e9));
        return out;
    }

    public void reset() {
        nanos.clear();
    }
}

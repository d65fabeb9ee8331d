package io.lisastream.operator;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The operator's metrics, registered on its metric group under these names:
 * <ul>
 *   <li>{@code events}: clicks processed;</li>
 *   <li>{@code recommendations}: recommendations emitted;</li>
 *   <li>{@code unknownItems}: clicks on an item the serving model does not know;</li>
 *   <li>{@code eventsWithoutModel}: clicks while no model was loaded (kept in the ring, no output);</li>
 *   <li>{@code modelLoadsOk}, {@code modelLoadsFailed}: announcements served or rejected;</li>
 *   <li>{@code histogramRebuilds}: user histograms rebuilt from the ring (code space change, or
 *       the first model after clicks without one);</li>
 *   <li>{@code currentModelVersion} (gauge, empty when none), {@code lastModelLoadMillis} (gauge:
 *       the processing pause of the last load: read, verify, compile);</li>
 *   <li>{@code scoringLatency} (histogram, microseconds): user vector plus top-K for one click.</li>
 * </ul>
 */
final class OperatorMetrics {
    /** Samples kept by the scoring latency histogram. */
    static final int LATENCY_WINDOW = 10_000;

    final Counter events;
    final Counter recommendations;
    final Counter unknownItems;
    final Counter eventsWithoutModel;
    final Counter modelLoadsOk;
    final Counter modelLoadsFailed;
    final Counter histogramRebuilds;
    final Histogram scoringLatency;
    private volatile String currentModelVersion = "";
    private volatile long lastModelLoadMillis = -1;

    OperatorMetrics(MetricGroup group) {
        events = group.counter("events");
        recommendations = group.counter("recommendations");
        unknownItems = group.counter("unknownItems");
        eventsWithoutModel = group.counter("eventsWithoutModel");
        modelLoadsOk = group.counter("modelLoadsOk");
        modelLoadsFailed = group.counter("modelLoadsFailed");
        histogramRebuilds = group.counter("histogramRebuilds");
        scoringLatency = group.histogram("scoringLatency", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        group.gauge("currentModelVersion", (Gauge<String>) () -> currentModelVersion);
        group.gauge("lastModelLoadMillis", (Gauge<Long>) () -> lastModelLoadMillis);
    }

    void modelServed(ServingModel model, long pauseMillis) {
        currentModelVersion = model.version();
        lastModelLoadMillis = pauseMillis;
    }

    String currentModelVersion() {
        return currentModelVersion;
    }

    long lastModelLoadMillis() {
        return lastModelLoadMillis;
    }
}

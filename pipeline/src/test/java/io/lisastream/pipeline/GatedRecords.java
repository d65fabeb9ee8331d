package io.lisastream.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A bounded click source for tests (with DataGeneratorSource at parallelism 1): first
 * {@code probeCount} probe records, paced while the gate is closed, then it waits for the gate (opened
 * by the test once the probes show that every operator instance serves the model), then the records
 * under test. Offsets are the record indices, partition 0.
 */
final class GatedRecords implements GeneratorFunction<Long, RawRecord> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String gate;
    private final String topic;
    private final byte[][] probes;
    private final int probeCount;
    private final byte[][] records;

    GatedRecords(String gate, String topic, byte[][] probes, int probeCount, byte[][] records) {
        this.gate = gate;
        this.topic = topic;
        this.probes = probes;
        this.probeCount = probeCount;
        this.records = records;
        GATES.put(gate, new CountDownLatch(1));
    }

    long count() {
        return probeCount + records.length;
    }

    static void open(String gate) {
        GATES.get(gate).countDown();
    }

    @Override
    public RawRecord map(Long index) throws Exception {
        int i = index.intValue();
        CountDownLatch latch = GATES.get(gate);
        if (i < probeCount) {
            if (latch.getCount() > 0) {
                Thread.sleep(20);
            }
            return new RawRecord(probes[i % probes.length], topic, 0, i);
        }
        if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("gate " + gate + " not opened within " + WAIT);
        }
        return new RawRecord(records[i - probeCount], topic, 0, i);
    }
}

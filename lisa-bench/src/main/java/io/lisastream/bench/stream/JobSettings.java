package io.lisastream.bench.stream;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the benchmark runs the job: local MiniCluster parallelism, TaskManager managed memory (RocksDB's
 * budget), network buffer timeout, checkpoint intervals (operator path, Kafka path), warm-up and
 * measured windows, the latency run (at {@code latencyFraction} of the measured maximum, or, when
 * {@code separateLatencyRun} is false, latencies of the unthrottled run itself), the rate offered
 * through Kafka ({@code kafkaFraction} of the operator's maximum: producer, broker and consumer share
 * the same cores), and the population
 * (users, each with L past clicks, over {@code items} items).
 */
public record JobSettings(
        int parallelism,
        int maxParallelism,
        int managedMemoryMb,
        Duration bufferTimeout,
        Duration checkpointInterval,
        Duration kafkaCheckpointInterval,
        Duration warmup,
        Duration measure,
        double latencyFraction,
        double kafkaFraction,
        boolean separateLatencyRun,
        int users,
        int items,
        long seed,
        Path workDir) {

    public static JobSettings defaults(Path workDir) {
        return new JobSettings(2, 128, 512, Duration.ofMillis(5), Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(20), 0.5, 0.25, true, 6040, 3416, 42, workDir);
    }
}

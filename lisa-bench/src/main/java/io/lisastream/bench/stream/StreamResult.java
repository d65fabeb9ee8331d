package io.lisastream.bench.stream;

/**
 * One variant at one history length L, on one path: "operator" (the pipeline's job with an
 * in-process click generator and sink: parse, keyBy, the LISA operator on RocksDB with checkpoints,
 * recommendations) or "kafka" (the same job between Kafka topics of an in-JVM broker, exactly-once).
 *
 * @param eventsPerSec       operator: recommendations per second over the measured window with the
 *                           source unthrottled (back-pressured by the job), the maximum sustained
 *                           rate; kafka: recommendations per second delivered with clicks offered at
 *                           {@code latencyRate}
 * @param p50Ms              median event-to-recommendation latency (click made to recommendation
 *                           received), with clicks offered at {@code latencyRate}
 * @param stateBytesPerUser  bytes of the bootstrapped savepoint divided by the number of users
 * @param stateValueBytes    mean bytes of one user's serialized state value (what RocksDB stores)
 * @param cpuCores           CPU the benchmark's JVM used during the events/s window, in cores (all
 *                           its threads; on a machine shared with other work, below the core count)
 * @param eventsPerCpuSecond events per second of that CPU time: the cost of an event, whatever share
 *                           of the machine the run got
 */
public record StreamResult(
        String variant,
        int history,
        String path,
        double eventsPerSec,
        double p50Ms,
        double p99Ms,
        long stateBytesPerUser,
        long stateValueBytes,
        double latencyRate,
        int users,
        int items,
        long deadLetters,
        double measuredSeconds,
        double cpuCores,
        double eventsPerCpuSecond) {
}

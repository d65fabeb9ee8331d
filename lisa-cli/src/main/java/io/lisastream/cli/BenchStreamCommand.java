package io.lisastream.cli;

import io.lisastream.bench.ForkedJvm;
import io.lisastream.bench.stream.JobSettings;
import io.lisastream.bench.stream.StreamBenchmark;
import io.lisastream.bench.stream.StreamReport;
import io.lisastream.bench.stream.StreamResult;
import io.lisastream.model.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lisa bench stream}: the Flink job serving LISA against vanilla attention over long histories. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"The pipeline's Flink job (local MiniCluster, RocksDB, incremental checkpoints) serving LISA-Base",
            "against vanilla attention (sasrec, maxLen = L, over the whole history), for users who each already have L",
            "clicks (bootstrapped into a savepoint), on an ML-1M-sized catalogue: max sustained events/s (source",
            "unthrottled), p50/p99 event-to-recommendation latency (second run at --latency-fraction of that rate),",
            "state bytes per user; at the operator (in-process source and sink), then end to end through Kafka with",
            "clicks offered at --kafka-fraction of the operator's max.",
            "Runs in a child JVM with the --add-opens Flink needs on Java 17 when this one lacks them."})
final class BenchStreamCommand implements Callable<Integer> {
    @Option(names = "--history", split = ",", defaultValue = "100,1000,10000", paramLabel = "L,L,...",
            description = "Past clicks per user (default: ${DEFAULT-VALUE}).")
    List<Integer> histories;

    @Option(names = "--variants", split = ",", defaultValue = "lisa-base,sasrec", paramLabel = "V,V",
            description = "Models to serve: lisa-base, lisa-mini, sasrec (default: ${DEFAULT-VALUE}).")
    List<String> variants;

    @Option(names = "--paths", split = ",", defaultValue = "operator,kafka", paramLabel = "P,P",
            description = "operator (in-process source and sink) and/or kafka (default: ${DEFAULT-VALUE}).")
    List<String> paths;

    @Option(names = "--users", defaultValue = "6040", description = "Users (default: ${DEFAULT-VALUE}, ML-1M's).")
    int users;

    @Option(names = "--items", defaultValue = "3416", description = "Catalogue size (default: ${DEFAULT-VALUE}, ML-1M's).")
    int items;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "S", description = "Seconds before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seconds", defaultValue = "20", paramLabel = "S", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--latency-fraction", defaultValue = "0.5", paramLabel = "F",
            description = "Latency run at this fraction of the measured max events/s (default: ${DEFAULT-VALUE}).")
    double latencyFraction;

    @Option(names = "--kafka-fraction", defaultValue = "0.25", paramLabel = "F",
            description = "Clicks offered through Kafka at this fraction of the operator's max events/s; the producer,"
                    + " broker and consumer share the machine (default: ${DEFAULT-VALUE}).")
    double kafkaFraction;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--managed-memory-mb", defaultValue = "512",
            description = "TaskManager managed memory, RocksDB's budget (default: ${DEFAULT-VALUE}).")
    int managedMemoryMb;

    @Option(names = "--buffer-timeout-ms", defaultValue = "5",
            description = "Network buffer flush timeout (default: ${DEFAULT-VALUE}; Flink's own is 100).")
    int bufferTimeoutMs;

    @Option(names = "--checkpoint-ms", defaultValue = "10000",
            description = "Checkpoint interval at the operator (default: ${DEFAULT-VALUE}).")
    int checkpointMs;

    @Option(names = "--kafka-checkpoint-ms", defaultValue = "1000",
            description = "Checkpoint interval through Kafka; exactly-once output is visible when it commits (default: ${DEFAULT-VALUE}).")
    int kafkaCheckpointMs;

    @Option(names = "--kafka-rate", defaultValue = "1000", paramLabel = "R",
            description = "Clicks/s offered through Kafka when the operator path is not run (default: ${DEFAULT-VALUE};"
                    + " otherwise --latency-fraction of the operator's max).")
    double kafkaRate;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Scratch directory (default: a new temp directory, removed after).")
    Path workDir;

    @Option(names = "--seed", defaultValue = "42", description = "Random models and histories (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--forked", hidden = true)
    boolean forked;

    @Mixin
    BenchOutput output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int[] ls = BenchOutput.positive("--history", histories);
        List<Variant> vs = new ArrayList<>();
        for (String v : variants) {
            vs.add(Variant.fromWireName(v));
        }
        if (!paths.stream().allMatch(p -> p.equals("operator") || p.equals("kafka"))) {
            throw new IllegalArgumentException("--paths takes operator and/or kafka, got " + paths);
        }
        if (users <= 0 || items <= 0 || seconds <= 0 || warmup < 0 || parallelism <= 0 || managedMemoryMb <= 0
                || !(latencyFraction > 0 && latencyFraction <= 1) || !(kafkaFraction > 0 && kafkaFraction <= 1)) {
            throw new IllegalArgumentException("--users, --items, --seconds, --parallelism and --managed-memory-mb must be"
                    + " positive, --warmup >= 0, --latency-fraction and --kafka-fraction in (0, 1]");
        }
        if (!ForkedJvm.hasFlinkOpens() && !forked) {
            List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
            args.add("--forked");
            return ForkedJvm.run(Lisa.class.getName(), args);
        }
        boolean temp = workDir == null;
        Path work = temp ? Files.createTempDirectory("lisa-bench-stream-") : Files.createDirectories(workDir);
        try {
            JobSettings s = new JobSettings(parallelism, 128, managedMemoryMb, Duration.ofMillis(bufferTimeoutMs),
                    Duration.ofMillis(checkpointMs), Duration.ofMillis(kafkaCheckpointMs), Duration.ofSeconds(warmup),
                    Duration.ofSeconds(seconds), latencyFraction, kafkaFraction, true, users, items, seed, work);
            List<StreamResult> results = new StreamBenchmark(s, kafkaRate).run(ls, vs, paths.contains("operator"),
                    paths.contains("kafka"));
            System.out.print(StreamReport.table(results));
            output.writeJson(results);
            if (output.chart != null) {
                StreamReport.chart(results, output.chart, BenchOutput.machineLine());
                System.err.println("wrote " + output.chart);
            }
            return 0;
        } finally {
            if (temp) {
                deleteTree(work);
            }
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

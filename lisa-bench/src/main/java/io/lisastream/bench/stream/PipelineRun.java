package io.lisastream.bench.stream;

import io.lisastream.pipeline.FlinkSettings;
import io.lisastream.pipeline.JobConfig;
import io.lisastream.pipeline.LisaJob;
import io.lisastream.pipeline.RawRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the pipeline's job ({@link LisaJob#defineWorkflow}: parse, event time, keyBy, the LISA
 * operator on RocksDB with incremental checkpoints, sinks) on a local MiniCluster, restored from a
 * bootstrapped savepoint, with an in-process click generator as source and counting sinks.
 */
final class PipelineRun {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
    private static final long PRIME_TIMEOUT_SECONDS = 600;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /**
     * What a run measured; {@code cpuCores} is the CPU time this JVM used over the window (every
     * thread: the job, and for the Kafka path also broker, producer and consumer) divided by its length.
     */
    record Measured(double eventsPerSec, double p50Ms, double p99Ms, long deadLetters, double seconds,
            double cpuCores) {
    }

    private PipelineRun() {
    }

    /**
     * @param totalRate clicks/s over all source instances, 0 for unthrottled
     * @param latency   record latencies (else only count)
     */
    static Measured run(JobSettings s, ServedModel served, Path savepoint, double totalRate, boolean latency)
            throws Exception {
        String runId = "operator-" + UUID.randomUUID();
        RunStats stats = RunStats.open(runId);
        Path checkpoints = Files.createTempDirectory(s.workDir(), "checkpoints-");
        try {
            JobConfig config = jobConfig(s, served, savepoint, checkpoints, "unused:9092", s.checkpointInterval());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkSettings(s, config));
            DataStream<RawRecord> clicks = env
                    .fromSource(new NumberSequenceSource(0, Long.MAX_VALUE), WatermarkStrategy.noWatermarks(),
                            "bench click sequence")
                    .uid("bench-click-sequence")
                    .map(new ClickGenerator(runId, s.users(), s.items(), totalRate / s.parallelism(), s.seed()),
                            TypeInformation.of(RawRecord.class))
                    .uid("bench-click-generator")
                    .name("bench clicks");
            DataStream<RawRecord> models = env
                    .fromData(TypeInformation.of(RawRecord.class),
                            new RawRecord(served.announcementJson(), "bench-models", 0, 0))
                    .uid("bench-model-source");
            LisaJob.defineWorkflow(clicks, models, new StatsSinks.Recommendations(runId),
                    new StatsSinks.DeadLetters(runId), config);
            JobClient job = env.executeAsync("lisa-bench stream " + served.variant());
            try {
                return measure(job, stats, s, latency);
            } finally {
                stop(job);
            }
        } finally {
            RunStats.close(runId);
            Files2.deleteTree(checkpoints);
        }
    }

    /** Waits for the first recommendation, then warms up and measures. */
    static Measured measure(JobClient job, RunStats stats, JobSettings s, boolean latency) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PRIME_TIMEOUT_SECONDS);
        while (!stats.primed()) {
            JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("the job ended (" + status + ") before serving: "
                        + failure(job));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no recommendation within " + PRIME_TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(100);
        }
        Thread.sleep(s.warmup().toMillis());
        if (latency) {
            stats.startLatency();
        }
        long c0 = stats.recommendations.get();
        long cpu0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(s.measure().toMillis());
        long c1 = stats.recommendations.get();
        long cpu1 = OS.getProcessCpuTime();
        long t1 = System.nanoTime();
        stats.stopLatency();
        JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        if (status != JobStatus.RUNNING) {
            throw new IllegalStateException("the job is " + status + " after measuring: " + failure(job));
        }
        double seconds = (t1 - t0) / 1e9;
        return new Measured((c1 - c0) / seconds, stats.latencyQuantile(0.5), stats.latencyQuantile(0.99),
                stats.deadLetters.get(), seconds, (cpu1 - cpu0) / 1e9 / seconds);
    }

    static JobConfig jobConfig(JobSettings s, ServedModel served, Path savepoint, Path checkpoints,
            String bootstrapServers, Duration checkpointInterval) {
        return JobConfig.builder()
                .bootstrapServers(bootstrapServers)
                .parallelism(s.parallelism())
                .maxParallelism(s.maxParallelism())
                .checkpointInterval(checkpointInterval)
                .checkpointDir(checkpoints)
                .fromSavepoint(savepoint.toUri().toString())
                .ringSize(served.ringSize())
                .excludeLast(Math.min(50, served.ringSize()))
                .allowedModelRoot(served.dir().getParent())
                .restartAttempts(0)
                .build();
    }

    /** The job's own settings ({@link FlinkSettings}) plus the MiniCluster's memory and buffer timeout. */
    static Configuration flinkSettings(JobSettings s, JobConfig config) {
        Configuration conf = FlinkSettings.of(config);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(s.managedMemoryMb()));
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, s.bufferTimeout());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    /** Cancels the job and waits until it has ended (the local MiniCluster then shuts down). */
    static void stop(JobClient job) {
        try {
            job.cancel().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not cancel the benchmark job: {}", e.toString());
        }
        try {
            job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // a cancelled job ends exceptionally
        }
    }

    static String failure(JobClient job) {
        try {
            job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
            return "no failure reported";
        } catch (Exception e) {
            Throwable t = e;
            while (t.getCause() != null) {
                t = t.getCause();
            }
            return t.toString();
        }
    }
}

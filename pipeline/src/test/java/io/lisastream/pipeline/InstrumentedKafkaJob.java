package io.lisastream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Kafka job exactly as {@link LisaJob#kafkaJob} builds it (same sources, sinks, uids and
 * settings), with one test-only pass-through step between the click source and the parser (uid
 * {@value #TEST_STEP_UID}, chained to the source): the place where reliability tests inject
 * failures. Production code has no such hook; the step is added from outside through
 * {@link LisaJob#defineWorkflow(DataStream, DataStream, org.apache.flink.api.connector.sink2.Sink,
 * org.apache.flink.api.connector.sink2.Sink, JobConfig)}.
 */
final class InstrumentedKafkaJob {
    static final String TEST_STEP_UID = "test-step";
    static final Duration WAIT = Duration.ofSeconds(90);

    private InstrumentedKafkaJob() {
    }

    /** Starts the job on the current (MiniCluster) environment with {@code testStep} after the click source. */
    static JobClient start(JobConfig config, MapFunction<RawRecord, RawRecord> testStep) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        DataStream<RawRecord> clicks = env.fromSource(KafkaConnectors.clickSource(config), WatermarkStrategy.noWatermarks(),
                        "click source", TypeInformation.of(RawRecord.class))
                .uid(Uids.CLICK_SOURCE);
        clicks = clicks.map(testStep, TypeInformation.of(RawRecord.class)).uid(TEST_STEP_UID).name("test step");
        DataStream<RawRecord> models = env.fromSource(KafkaConnectors.modelSource(config), WatermarkStrategy.noWatermarks(),
                        "model announcement source", TypeInformation.of(RawRecord.class))
                .setParallelism(1)
                .uid(Uids.MODEL_SOURCE);
        LisaJob.defineWorkflow(clicks, models, KafkaConnectors.recommendationSink(config),
                KafkaConnectors.deadLetterSink(config), config);
        return env.executeAsync(LisaJob.JOB_NAME);
    }

    /** A test step that only passes records on. */
    static MapFunction<RawRecord, RawRecord> passThrough() {
        return r -> r;
    }

    /** Waits until each of the {@code parallelism} LISA operator instances reports {@code version} as served. */
    static void awaitServing(InMemoryReporter reporter, JobID job, String version, int parallelism) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Map<String, Metric> gauges = reporter.findMetrics(job, "currentModelVersion");
            long serving = gauges.values().stream().filter(m -> version.equals(((Gauge<?>) m).getValue())).count();
            if (serving >= parallelism) {
                return;
            }
            if (System.nanoTime() > deadline) {
                Map<String, Object> seen = new java.util.TreeMap<>();
                gauges.forEach((k, m) -> seen.put(k, ((Gauge<?>) m).getValue()));
                throw new AssertionError(serving + " of " + parallelism + " instances serve " + version + " after " + WAIT
                        + "; model gauges: " + seen + "; job status " + statusOf(reporter, job));
            }
            Thread.sleep(50);
        }
    }

    private static String statusOf(InMemoryReporter reporter, JobID job) {
        return reporter.findMetrics(job, "clicksAccepted").size() + " click parsers";
    }

    /**
     * Cancels the job; if it had already failed, fails the test with the job's own error (which a
     * plain cancel would hide behind "job was not canceled, but FAILED").
     */
    static void cancel(JobClient job) throws Exception {
        JobStatus status = job.getJobStatus().get();
        if (status == JobStatus.FAILED || status == JobStatus.FAILING) {
            try {
                job.getJobExecutionResult().get();
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new AssertionError("the job failed: " + root, e);
            }
        }
        if (!status.isGloballyTerminalState()) {
            job.cancel().get();
        }
    }

    /** Sum of a counter over the job's subtasks (all attempts the reporter saw). */
    static long counter(InMemoryReporter reporter, JobID job, String name) {
        return reporter.findMetrics(job, name).values().stream()
                .mapToLong(m -> ((org.apache.flink.metrics.Counter) m).getCount()).sum();
    }

    /** Stops the job with a canonical savepoint (its final transactions committed) and returns the path. */
    static String stopWithSavepoint(JobClient job, java.nio.file.Path dir) throws Exception {
        String path = job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(job.getJobStatus().get()).isIn(JobStatus.FINISHED);
        return path;
    }
}

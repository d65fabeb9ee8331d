package io.lisastream.cli.demo;

import io.lisastream.pipeline.JobConfig;
import io.lisastream.pipeline.LisaJob;
import java.nio.file.Path;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The real pipeline job (LisaJob with its Kafka sources and exactly-once sinks), as the demo runs it. */
final class DemoJob {
    static final String NAME = "lisa-demo";

    private DemoJob() {
    }

    /** The job's configuration for the demo's broker, topics, state directories and model root. */
    static JobConfig config(String bootstrap, DemoSettings s, Path work) {
        return JobConfig.builder()
                .bootstrapServers(bootstrap)
                .clicksStartingOffsets(JobConfig.StartingOffsets.EARLIEST)
                .parallelism(s.parallelism())
                .checkpointInterval(s.checkpointInterval())
                .checkpointDir(work.resolve("checkpoints"))
                .savepointDir(work.resolve("savepoints"))
                .allowedModelRoot(work)
                .excludeLast(s.excludeLast())
                .topK(Math.max(OnlineEvaluation.K, 10))
                .build();
    }

    /** Defines the job and submits it to the demo's cluster. */
    static JobID submit(LocalFlink flink, JobConfig config) throws Exception {
        StreamExecutionEnvironment env = LisaJob.kafkaJob(config);
        return flink.submit(env, NAME);
    }
}

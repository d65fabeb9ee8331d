package io.lisastream.cli.run;

import io.lisastream.cli.demo.LocalFlink;
import io.lisastream.pipeline.JobConfig;
import io.lisastream.pipeline.JobConfigParser;
import io.lisastream.pipeline.LisaJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code lisa run}: the pipeline job (the same {@link LisaJob} the cluster runs) against an
 * external Kafka, in a Flink cluster inside this JVM with the web UI. Runs until the job ends or
 * Ctrl-C (which cancels it; its last checkpoint is kept).
 */
@Command(name = "run",
        description = {"Run the pipeline job against an external Kafka in a local Flink cluster (with the web UI),"
                + " until Ctrl-C. Takes the job's own options (below), the same as on a cluster.",
            "Example: lisa run --bootstrap-servers localhost:9092 --checkpoint-dir file:///tmp/lisa/checkpoints"
                + " --allowed-model-roots file:///tmp/lisa/models"})
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--web-port", paramLabel = "PORT[-PORT]",
            description = "Flink web UI port or range, 0 = any free port (default: 8081-8099).")
    String webPorts = "8081-8099";

    @Unmatched
    List<String> jobArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String[] args = jobArgs.toArray(String[]::new);
        if (JobConfigParser.wantsHelp(args)) {
            spec.commandLine().usage(System.out);
            System.out.println();
            System.out.println("Job options:");
            System.out.print(JobConfigParser.usage());
            return 0;
        }
        JobConfig config = JobConfigParser.parse(args);
        int slots = config.parallelism() != null ? config.parallelism()
                : Math.max(1, Runtime.getRuntime().availableProcessors());
        CountDownLatch done = new CountDownLatch(1);
        try (LocalFlink flink = LocalFlink.start(new LocalFlink.Settings(slots, webPorts))) {
            LOG.info("Starting {} with {}", LisaJob.JOB_NAME, config);
            JobID id = flink.submit(LisaJob.kafkaJob(config), LisaJob.JOB_NAME);
            LOG.info("Flink web UI: {}  (Ctrl-C cancels the job; its last checkpoint is kept in {})", flink.webUi(),
                    config.checkpointDir());
            Thread hook = new Thread(() -> {
                try {
                    flink.cancel(id);
                    done.await();
                } catch (Exception e) {
                    LOG.warn("Could not cancel the job cleanly: {}", e.toString());
                }
            }, "lisa-run-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                JobStatus end = flink.await(id);
                LOG.info("Job ended: {}", end);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook is running
                }
            }
        } finally {
            done.countDown();
        }
        return 0;
    }
}

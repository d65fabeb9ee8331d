package io.lisastream.cli.demo;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink cluster inside this JVM (one JobManager, one TaskManager with {@code parallelism} slots)
 * with the web UI. What a job needs beyond slots (RocksDB, checkpoints, restarts) travels with the
 * job: the configuration of the environment it was defined on (the pipeline's FlinkSettings).
 * {@link #submit} runs a job; {@link #close()} cancels it if it still runs and stops the cluster.
 */
public final class LocalFlink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFlink.class);
    private static final long TIMEOUT_SECONDS = 60;

    /**
     * @param webPorts the web UI's port or port range ("8081-8099"), "0" for any free port
     */
    public record Settings(int parallelism, String webPorts) {
        public Settings {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
            }
        }
    }

    private final MiniCluster cluster;
    private final URI webUi;
    private JobID job;

    private LocalFlink(MiniCluster cluster, URI webUi) {
        this.cluster = cluster;
        this.webUi = webUi;
    }

    public static LocalFlink start(Settings s) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, s.parallelism());
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, s.parallelism());
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(256));
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.BIND_ADDRESS, "localhost");
        conf.set(RestOptions.BIND_PORT, s.webPorts());
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(s.parallelism())
                .build());
        try {
            cluster.start();
            URI web = cluster.getRestAddress().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("Flink MiniCluster up: {} task slots, web UI at {}", s.parallelism(), web);
            return new LocalFlink(cluster, web);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** The Flink web UI (and REST API). */
    public URI webUi() {
        return webUi;
    }

    /** Submits the job defined on {@code env} and waits until it runs. */
    public JobID submit(StreamExecutionEnvironment env, String name) throws Exception {
        var graph = env.getStreamGraph();
        graph.setJobName(name);
        JobID id = cluster.submitJob(graph).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getJobID();
        job = id;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        JobStatus status;
        while ((status = cluster.getJobStatus(id).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) != JobStatus.RUNNING) {
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("job '" + name + "' ended right after submission: " + status
                        + failureOf(id));
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("job '" + name + "' not running after " + TIMEOUT_SECONDS + " s: " + status);
            }
            Thread.sleep(50);
        }
        LOG.info("Job '{}' running ({})", name, id);
        return id;
    }

    /**
     * Waits until the job ends (finished, cancelled or failed for good) and returns how it ended.
     *
     * @throws IllegalStateException when it failed, with the cause's first line
     */
    public JobStatus await(JobID id) throws Exception {
        var result = cluster.requestJobResult(id).get();
        if (result.getApplicationStatus() == org.apache.flink.runtime.clusterframework.ApplicationStatus.FAILED) {
            throw new IllegalStateException("the Flink job failed" + failureOf(id));
        }
        return status(id);
    }

    /** The job's status now. */
    public JobStatus status(JobID id) throws Exception {
        return cluster.getJobStatus(id).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Throws with the job's failure cause when it has failed; returns quietly otherwise. */
    public void checkNotFailed(JobID id) throws Exception {
        JobStatus status = status(id);
        if (status == JobStatus.FAILED || status == JobStatus.FAILING) {
            throw new IllegalStateException("the Flink job failed" + failureOf(id));
        }
    }

    private String failureOf(JobID id) {
        try {
            var result = cluster.requestJobResult(id).get(5, TimeUnit.SECONDS);
            return result.getSerializedThrowable()
                    .map(t -> ": " + t.getFullStringifiedStackTrace().lines().findFirst().orElse(""))
                    .orElse("");
        } catch (Exception e) {
            return "";
        }
    }

    /** Cancels the job and waits until it has stopped. */
    public void cancel(JobID id) throws Exception {
        JobStatus status = status(id);
        if (status.isGloballyTerminalState()) {
            return;
        }
        cluster.cancelJob(id).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        cluster.requestJobResult(id).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("Job {} cancelled", id);
    }

    /** Cancels the submitted job if it still runs, then stops the cluster. Never throws. */
    @Override
    public void close() {
        if (job != null) {
            try {
                cancel(job);
            } catch (Exception e) {
                LOG.warn("Could not cancel job {} cleanly: {}", job, e.toString());
            }
        }
        try {
            cluster.closeAsync().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Flink MiniCluster did not stop cleanly: {}", e.toString());
        }
    }
}

package io.lisastream.pipeline;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * The Flink settings the job runs with, from a {@link JobConfig}:
 * <ul>
 *   <li>{@code pipeline.auto-generate-uids: false} (every operator has an explicit uid, so savepoints
 *       survive code changes), {@code pipeline.generic-types: false} (no Kryo), explicit
 *       {@code pipeline.max-parallelism}, and {@code parallelism.default} when given;</li>
 *   <li>{@code state.backend.type: rocksdb} with incremental checkpoints;</li>
 *   <li>exactly-once checkpoints every {@code checkpoint-interval} into {@code checkpoint-dir}, retained on
 *       cancellation (so a cancelled job can be resumed from its last checkpoint), default savepoint
 *       directory {@code savepoint-dir};</li>
 *   <li>{@code execution.state-recovery.path} from {@code from-savepoint} when given;</li>
 *   <li>fixed-delay restarts ({@code restart-attempts}, {@code restart-delay}).</li>
 * </ul>
 */
public final class FlinkSettings {
    private FlinkSettings() {
    }

    public static Configuration of(JobConfig c) {
        Configuration f = new Configuration();
        f.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        f.set(PipelineOptions.GENERIC_TYPES, false);
        f.set(PipelineOptions.MAX_PARALLELISM, c.maxParallelism());
        if (c.parallelism() != null) {
            f.set(CoreOptions.DEFAULT_PARALLELISM, c.parallelism());
        }
        f.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        f.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        f.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        f.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, c.checkpointInterval());
        f.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, c.checkpointDir());
        f.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (c.savepointDir() != null) {
            f.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, c.savepointDir());
        }
        if (c.fromSavepoint() != null) {
            f.set(StateRecoveryOptions.SAVEPOINT_PATH, c.fromSavepoint());
        }
        f.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        f.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, c.restartAttempts());
        f.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, c.restartDelay());
        return f;
    }
}

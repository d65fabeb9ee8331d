package io.lisastream.cli.demo;

import io.lisastream.model.Variant;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a demo run depends on. {@link #defaults(boolean)} gives the normal and the quick (CI)
 * run; {@code DemoCommand} changes single values from flags.
 *
 * @param data           interaction file, or null for synthetic data
 * @param format         format of {@code data} (null: from the file name)
 * @param events         raw records to stream instead of the held-out users' clicks, or null
 * @param users          synthetic users
 * @param items          synthetic item universe
 * @param meanLength     synthetic mean sequence length
 * @param seed           seed of the data, the split and training
 * @param holdoutUsers   users kept out of training and streamed; 0 = a fifth of the users, at most {@value #MAX_AUTO_HOLDOUT}
 * @param training       the model to train
 * @param rate           clicks per second sent, 0 = as fast as possible
 * @param parallelism    Flink parallelism (and click topic partitions)
 * @param checkpointInterval Flink checkpoint interval (exactly-once output is committed at each)
 * @param webPorts       Flink web UI port or range
 * @param excludeLast    the job never recommends a user's last N clicked items
 * @param workDir        where the model, checkpoints and savepoints go (null: a temporary directory, deleted at the end)
 * @param drainQuiet     after the replay, stop once no output came for this long
 * @param modelTimeout   longest wait for the job to serve the published model
 */
public record DemoSettings(Path data, String format, Path events, int users, int items, double meanLength, long seed,
        int holdoutUsers, DemoTraining.Settings training, double rate, int parallelism, Duration checkpointInterval,
        String webPorts, int excludeLast, Path workDir, Duration drainQuiet, Duration modelTimeout) {
    public static final int MAX_AUTO_HOLDOUT = 400;

    /** How many of {@code numUsers} users to hold out. */
    public int holdoutFor(int numUsers) {
        return holdoutUsers > 0 ? holdoutUsers : Math.max(1, Math.min(MAX_AUTO_HOLDOUT, numUsers / 5));
    }

    /** The normal demo (about a minute on 2 cores) or the quick one (CI). */
    public static DemoSettings defaults(boolean quick) {
        if (quick) {
            return new DemoSettings(null, null, null, 800, 200, 15, 7L, 150,
                    new DemoTraining.Settings(Variant.LISA_BASE, 10, 32, 40, 4, 32, 0.01, 128), 0, 2,
                    Duration.ofSeconds(1), "8081-8099", 50, null, Duration.ofSeconds(6), Duration.ofSeconds(60));
        }
        return new DemoSettings(null, null, null, 2000, 300, 20, 7L, 0,
                new DemoTraining.Settings(Variant.LISA_BASE, 20, 32, 50, 4, 32, 0.01, 128), 1000, 2,
                Duration.ofSeconds(1), "8081-8099", 50, null, Duration.ofSeconds(8), Duration.ofSeconds(120));
    }
}

package io.lisastream.cli.demo;

import io.lisastream.model.Variant;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.trainer.EpochRecord;
import io.lisastream.trainer.TrainConfig;
import io.lisastream.trainer.TrainListener;
import io.lisastream.trainer.TrainResult;
import io.lisastream.trainer.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the demo's model: the trainer of {@code lisa train} with a small shape (D = F = dim, a
 * short window, few codewords) and a high learning rate, so the default run takes well under a
 * minute on two cores; validated once, after the last epoch, on at most 500 users.
 */
public final class DemoTraining {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTraining.class);
    private static final int MAX_EVAL_USERS = 500;

    /** The model's shape and schedule. */
    public record Settings(Variant variant, int epochs, int dim, int maxLen, int codebooks, int codewords, double lr,
            int batch) {
    }

    private DemoTraining() {
    }

    public static TrainConfig config(Settings s, long seed) {
        TrainConfig d = TrainConfig.defaults(s.variant());
        TrainConfig c = d.withEpochs(s.epochs())
                .withShape(s.dim(), s.dim(), s.maxLen(), s.codebooks(), s.codewords())
                .withBatch(s.batch())
                .withOptimisation(d.decay(), d.temperature(), d.dropout(), s.lr())
                .withRun(seed, Math.max(1, Runtime.getRuntime().availableProcessors()), s.epochs(), 0, MAX_EVAL_USERS)
                .withCommand("lisa demo");
        if (s.variant() == Variant.LISA_MINI) {
            c = c.withTarget(s.codebooks(), Math.max(s.codewords(), 64));
        }
        return c;
    }

    /** Trains on {@code training} into {@code outDir} ({@code outDir/model} is the artifact). */
    public static TrainResult train(SequenceDataset training, Settings s, long seed, Path outDir) throws IOException {
        LOG.info("Training {} on {} users ({} clicks): D={}, window {}, {} epochs", s.variant().wireName(),
                training.numUsers(), training.numInteractions(), s.dim(), s.maxLen(), s.epochs());
        TrainResult r = Trainer.train(training, config(s, seed), outDir, new TrainListener() {
            @Override
            public void onEpoch(EpochRecord e) {
                LOG.info(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f (%.1f s)%s", e.epoch(), s.epochs(), e.loss(),
                        e.seconds(), Double.isNaN(e.hr10()) ? "" : String.format(Locale.ROOT,
                                ", validation HR@10 %.3f (sampled)", e.hr10())));
            }
        });
        LOG.info(String.format(Locale.ROOT, "Model %s trained in %.1f s", r.model().config().version(), r.wallSeconds()));
        return r;
    }
}

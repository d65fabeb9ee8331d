package io.lisastream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.Variant;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.data.SyntheticSequences;
import io.lisastream.model.eval.Evaluator;
import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.model.eval.MarkovRanker;
import io.lisastream.model.eval.Metrics;
import io.lisastream.model.eval.PopularityRanker;
import io.lisastream.model.eval.Protocol;
import io.lisastream.model.eval.Target;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Quality regression guard: a short training on synthetic Markov-chain data must learn the chain,
 * not just item popularity. The bar is relative to two baselines computed on the same split and
 * protocol (sampled, validation target, seed 42): popularity, which a model that learned nothing
 * sequential reaches, and a first-order Markov count model, which knows the generating process.
 * Measured at this budget (popularity 0.38, Markov 0.864): sasrec ~0.77, lisa-base ~0.67; with the
 * initialisation before the fix, lisa-base reached 0.45 (8 epochs, W = 32).
 */
class SyntheticQualityTest {
    /** Required validation HR@10 gain over popularity (sampled protocol). */
    static final double MARGIN_OVER_POPULARITY = 0.25;

    static SequenceDataset data;
    static Metrics popularity;
    static Metrics markov;

    @TempDir
    Path tmp;

    @BeforeAll
    static void baselines() {
        data = SyntheticSequences.generate(1000, 400, 30, 11);
        LeaveOneOut split = LeaveOneOut.split(data);
        Evaluator eval = Evaluator.of(split).protocol(Protocol.SAMPLED).target(Target.VALIDATION).seed(42);
        popularity = eval.evaluate(PopularityRanker.fit(split));
        markov = eval.evaluate(MarkovRanker.fit(split));
    }

    static TrainConfig budget(Variant v) {
        return TrainConfig.defaults(v).withEpochs(12).withBatch(64).withShape(32, 32, 50, 8, 64).withTarget(4, 32)
                .withLoss("ce", 128).withOptimisation(0.1, 0.7, 0.1, 3e-3).withRun(42, 2, 4, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"SASREC", "LISA_BASE"})
    void shortTrainingLearnsTheChainWellBeyondPopularity(Variant v) throws IOException {
        TrainResult r = Trainer.train(data, budget(v), tmp, null);
        double hr = r.validation().hr10();
        System.err.printf(java.util.Locale.ROOT, "%s: validation HR@10 %.4f (popularity %.4f, Markov %.4f), %.0f s%n",
                v, hr, popularity.hr10(), markov.hr10(), r.wallSeconds());
        assertThat(hr).as("%s validation HR@10 (sampled) vs popularity %s and Markov %s", v, popularity.hr10(),
                markov.hr10()).isGreaterThanOrEqualTo(popularity.hr10() + MARGIN_OVER_POPULARITY);
    }
}

package io.lisastream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lisastream.model.data.DatasetReader;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.data.SharedData;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Baselines on the shared ML-1M (SASRec file) with the test target and seed 42, printed for the
 * record (see target/surefire-reports/*MovieLensBaselineTest-output.txt). Skipped when the data
 * is absent. Bounds are loose sanity checks, not the measurement.
 */
class MovieLensBaselineTest {

    @Test
    void popularityAndMarkovOnMl1m() {
        Optional<Path> f = SharedData.file("ml-1m-sasrec/ml-1m.txt");
        assumeTrue(f.isPresent(), "shared ML-1M not present");
        SequenceDataset d = DatasetReader.read(f.get());
        LeaveOneOut split = LeaveOneOut.split(d);
        assertThat(split.numEvaluated()).isEqualTo(6040);
        PopularityRanker pop = PopularityRanker.fit(split);
        MarkovRanker markov = MarkovRanker.fit(split);

        Metrics popSampled = Evaluator.evaluate(pop, split, Protocol.SAMPLED, Target.TEST, 42, 2);
        Metrics popFull = Evaluator.evaluate(pop, split, Protocol.FULL, Target.TEST, 42, 2);
        Metrics markovSampled = Evaluator.evaluate(markov, split, Protocol.SAMPLED, Target.TEST, 42, 2);
        Metrics markovFull = Evaluator.evaluate(markov, split, Protocol.FULL, Target.TEST, 42, 2);
        System.out.println("ML-1M (" + d.sha256().substring(0, 12) + "), leave-one-out, test target, seed 42");
        System.out.println("popularity " + popSampled.toJson());
        System.out.println("popularity " + popFull.toJson());
        System.out.println("markov     " + markovSampled.toJson());
        System.out.println("markov     " + markovFull.toJson());
        System.out.print(popSampled.toTable());

        assertThat(popSampled.users()).isEqualTo(6040);
        // popularity with 100 uniform negatives lands well above chance (10/101) and well below SASRec (0.82)
        assertThat(popSampled.hr10()).isBetween(0.3, 0.6);
        assertThat(popFull.hr10()).isBetween(0.005, 0.1);
        assertThat(markovSampled.hr10()).isGreaterThan(popSampled.hr10());
    }

    @Test
    void popularityOnMl100k() {
        Optional<Path> f = SharedData.file("ml-100k/u.data");
        assumeTrue(f.isPresent(), "shared ML-100k not present");
        LeaveOneOut split = LeaveOneOut.split(DatasetReader.read(f.get()));
        PopularityRanker pop = PopularityRanker.fit(split);
        Metrics sampled = Evaluator.evaluate(pop, split, Protocol.SAMPLED, Target.TEST, 42, 2);
        Metrics full = Evaluator.evaluate(pop, split, Protocol.FULL, Target.TEST, 42, 2);
        System.out.println("ML-100k, leave-one-out, test target, seed 42");
        System.out.println("popularity " + sampled.toJson());
        System.out.println("popularity " + full.toJson());
        assertThat(sampled.users()).isEqualTo(943);
        assertThat(sampled.hr10()).isGreaterThan(10.0 / 101);
    }
}

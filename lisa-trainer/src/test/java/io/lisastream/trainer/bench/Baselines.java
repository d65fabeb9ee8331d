package io.lisastream.trainer.bench;

import io.lisastream.model.data.DatasetReader;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.eval.Evaluator;
import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.model.eval.MarkovRanker;
import io.lisastream.model.eval.PopularityRanker;
import io.lisastream.model.eval.Protocol;
import io.lisastream.model.eval.Target;
import java.nio.file.Path;

/**
 * Benchmark helper (not a test): popularity and first-order Markov baselines on a data file, for
 * the validation and the test target under both protocols (seed 42). Usage: Baselines DATA_FILE
 */
public final class Baselines {
    public static void main(String[] args) throws Exception {
        SequenceDataset data = DatasetReader.read(Path.of(args[0]));
        LeaveOneOut split = LeaveOneOut.split(data);
        for (Target t : new Target[] {Target.VALIDATION, Target.TEST}) {
            for (Protocol p : Protocol.values()) {
                Evaluator e = Evaluator.of(split).protocol(p).target(t).seed(42).threads(2);
                System.out.println(t + " " + p.label() + " popularity: " + e.evaluate(PopularityRanker.fit(split)));
                System.out.println(t + " " + p.label() + " markov:     " + e.evaluate(MarkovRanker.fit(split)));
            }
        }
    }
}

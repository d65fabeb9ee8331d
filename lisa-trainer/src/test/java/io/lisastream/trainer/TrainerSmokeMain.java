package io.lisastream.trainer;

import io.lisastream.model.Variant;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.data.SyntheticSequences;
import io.lisastream.model.eval.Evaluator;
import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.model.eval.PopularityRanker;
import io.lisastream.model.eval.Protocol;
import io.lisastream.model.eval.Target;
import java.nio.file.Files;
import java.nio.file.Path;

/** Manual smoke run: java -cp ... io.lisastream.trainer.TrainerSmokeMain variant epochs. */
public final class TrainerSmokeMain {
    public static void main(String[] args) throws Exception {
        Variant v = Variant.fromWireName(args[0]);
        SequenceDataset data = SyntheticSequences.generate(Integer.parseInt(args[2]), Integer.parseInt(args[3]), 40, 7);
        TrainConfig cfg = TrainConfig.defaults(v).withEpochs(Integer.parseInt(args[1]))
                .withShape(32, 32, 50, 4, 16).withTarget(4, 32).withLoss(args.length > 4 ? args[4] : "ce", 64)
                .withRun(42, 2, 2, 0, 0).withBatch(Integer.parseInt(args[5])).withOptimisation(0.1, 0.7, 0.1, Double.parseDouble(args[6]));
        Path out = Files.createTempDirectory("smoke");
        long t = System.nanoTime();
        TrainResult r = Trainer.train(data, cfg, out, new ProgressPrinter(System.err, false));
        System.err.println("took " + (System.nanoTime() - t) / 1e9 + " s; " + r.validation());
        LeaveOneOut split = LeaveOneOut.split(data);
        System.err.println("popularity " + Evaluator.of(split).protocol(Protocol.SAMPLED).target(Target.VALIDATION)
                .seed(42).evaluate(PopularityRanker.fit(split)));
    }
}

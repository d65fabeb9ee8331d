package io.lisastream.trainer.bench;

import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.data.DatasetReader;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.eval.Evaluator;
import io.lisastream.model.eval.InferenceRanker;
import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.model.eval.Metrics;
import io.lisastream.model.eval.PopularityRanker;
import io.lisastream.model.eval.Protocol;
import io.lisastream.model.eval.Ranker;
import io.lisastream.model.eval.Target;
import io.lisastream.model.inference.InferenceModel;
import java.nio.file.Path;

/**
 * Benchmark helper (not a test): would a popularity floor under the model's probabilities help?
 * Ranks by log((1 - eps) p_model + eps p_pop), where p_model is the artifact's softmax and p_pop the
 * training click share, both renormalised over the items outside the user's history, for a few
 * eps, on the validation and the test target under both protocols (seed 42).
 * Usage: PopularityMix DATA_FILE MODEL_DIR
 */
public final class PopularityMix {
    private static final double[] EPS = {0, 0.01, 0.03, 0.1, 0.2, 0.3};

    public static void main(String[] args) throws Exception {
        SequenceDataset data = DatasetReader.read(Path.of(args[0]));
        LeaveOneOut split = LeaveOneOut.split(data);
        float[] trainCount = PopularityRanker.fit(split).scoreAll(new int[0], split.numItems());
        InferenceModel model = InferenceModel.compile(ModelArtifact.read(Path.of(args[1])));
        InferenceRanker artifact = InferenceRanker.of(model, data.itemIds());
        for (Target target : new Target[] {Target.VALIDATION, Target.TEST}) {
            for (double eps : EPS) {
                Ranker mixed = mixed(artifact, trainCount, eps);
                for (Protocol p : Protocol.values()) {
                    Metrics m = Evaluator.of(split).protocol(p).target(target).seed(42).threads(1).evaluate(mixed);
                    System.out.printf("%-10s %-7s eps %.2f HR@10 %.4f NDCG@10 %.4f%n",
                            target, p.label(), eps, m.hr10(), m.ndcg10());
                }
            }
        }
    }

    private static Ranker mixed(InferenceRanker artifact, float[] trainCount, double eps) {
        int n = trainCount.length;
        return (history, candidates) -> {
            float[] logits = artifact.scoreAll(history, n);
            boolean[] seen = new boolean[n];
            for (int i : history) {
                seen[i] = true;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!seen[i]) {
                    max = Math.max(max, logits[i]);
                }
            }
            double softmaxSum = 0;
            double countSum = 0;
            for (int i = 0; i < n; i++) {
                if (!seen[i]) {
                    softmaxSum += Math.exp(logits[i] - max);
                    countSum += trainCount[i];
                }
            }
            float[] out = new float[candidates.length];
            for (int k = 0; k < candidates.length; k++) {
                int i = candidates[k];
                double pModel = Math.exp(logits[i] - max) / softmaxSum;
                double pPop = trainCount[i] / countSum;
                out[k] = (float) Math.log((1 - eps) * pModel + eps * pPop + 1e-30);
            }
            return out;
        };
    }
}

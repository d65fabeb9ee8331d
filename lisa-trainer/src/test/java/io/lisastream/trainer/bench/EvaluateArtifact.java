package io.lisastream.trainer.bench;

import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.data.DatasetReader;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.eval.Evaluator;
import io.lisastream.model.eval.InferenceRanker;
import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.model.eval.Protocol;
import io.lisastream.model.eval.Target;
import io.lisastream.model.inference.InferenceModel;
import java.nio.file.Path;

/**
 * Benchmark helper (not a test): test-target metrics of an artifact under both protocols, served
 * by the model core's InferenceModel. Usage: EvaluateArtifact DATA_FILE MODEL_DIR THREADS
 */
public final class EvaluateArtifact {
    public static void main(String[] args) throws Exception {
        SequenceDataset data = DatasetReader.read(Path.of(args[0]));
        InferenceModel model = InferenceModel.compile(ModelArtifact.read(Path.of(args[1])));
        InferenceRanker ranker = InferenceRanker.of(model, data.itemIds());
        LeaveOneOut split = LeaveOneOut.split(data);
        int threads = Integer.parseInt(args[2]);
        for (Protocol p : Protocol.values()) {
            long t = System.nanoTime();
            System.out.println(p.label() + " test: " + Evaluator.of(split).protocol(p).target(Target.TEST).seed(42)
                    .threads(threads).evaluate(ranker) + String.format(" (%.0f s)", (System.nanoTime() - t) / 1e9));
        }
    }
}

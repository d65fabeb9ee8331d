package io.lisastream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lisastream.model.LisaModel;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.eval.Evaluator;
import io.lisastream.model.eval.InferenceRanker;
import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.model.eval.Metrics;
import io.lisastream.model.eval.PopularityRanker;
import io.lisastream.model.eval.Protocol;
import io.lisastream.model.eval.Spread;
import io.lisastream.model.eval.Target;
import io.lisastream.model.inference.InferenceModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lisa evaluate}: leave-one-out test metrics of a model artifact on a dataset. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a model artifact on the leave-one-out test target of a dataset.",
            "sampled: the target among 100 negatives the user never touched (SASRec/LISA papers);",
            "full: the target among all items, the user's history excluded (gSASRec/RecBole)."})
final class EvaluateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model artifact directory.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Click sequences.")
    Path data;

    @Option(names = "--format", paramLabel = "FMT",
            description = "sasrec | movielens | csv (default: from the file name).")
    String format;

    @Option(names = "--protocol", defaultValue = "sampled", paramLabel = "P",
            description = "sampled | full (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the sampled negatives (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--negative-seeds", paramLabel = "N", description = "Also evaluate with the sampled negatives "
            + "drawn under seeds 1..N and report how HR@10 and NDCG@10 spread: the protocol's own noise (sampled only).")
    Integer negativeSeeds;

    @Option(names = "--threads", defaultValue = "2", description = "Evaluation threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--with-popularity", description = "Also evaluate the popularity baseline under the same protocol.")
    boolean withPopularity;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the metrics as JSON to this file.")
    Path jsonOut;

    @Override
    public Integer call() throws Exception {
        Protocol p = switch (protocol) {
            case "sampled" -> Protocol.SAMPLED;
            case "full" -> Protocol.FULL;
            default -> throw new IllegalArgumentException("--protocol must be sampled or full, got '" + protocol + "'");
        };
        if (negativeSeeds != null && (negativeSeeds < 2 || p != Protocol.SAMPLED)) {
            throw new IllegalArgumentException("--negative-seeds needs --protocol sampled and N >= 2, got "
                    + protocol + " and " + negativeSeeds);
        }
        LisaModel lisaModel = ModelArtifact.read(model);
        SequenceDataset dataset = DatasetFormats.read(data, format);
        LeaveOneOut split = LeaveOneOut.split(dataset);
        InferenceRanker ranker = InferenceRanker.of(InferenceModel.compile(lisaModel), dataset.itemIds());
        if (ranker.unknownItems() > 0) {
            System.err.println("lisa evaluate: " + ranker.unknownItems() + " of the dataset's " + dataset.numItems()
                    + " items are not in the model's catalogue; they score lowest");
        }
        long start = System.nanoTime();
        Metrics metrics = Evaluator.evaluate(ranker, split, p, Target.TEST, seed, threads);
        System.err.printf("lisa evaluate: %d users in %.1f s%n", metrics.users(), (System.nanoTime() - start) / 1e9);
        System.out.println("model " + lisaModel.config().version() + " (" + lisaModel.variant() + ")");
        System.out.println(metrics.toTable());
        if (withPopularity) {
            Metrics pop = Evaluator.evaluate(PopularityRanker.fit(split), split, p, Target.TEST, seed, threads);
            System.out.println("popularity baseline");
            System.out.println(pop.toTable());
        }
        String json = metrics.toJson();
        if (negativeSeeds != null) {
            double[] hr = new double[negativeSeeds];
            double[] ndcg = new double[negativeSeeds];
            for (int s = 1; s <= negativeSeeds; s++) {
                Metrics m = Evaluator.evaluate(ranker, split, p, Target.TEST, s, threads);
                hr[s - 1] = m.hr10();
                ndcg[s - 1] = m.ndcg10();
            }
            Spread hrSpread = Spread.of(hr);
            Spread ndcgSpread = Spread.of(ndcg);
            System.out.println("negatives drawn under seeds 1-" + negativeSeeds);
            System.out.println("metric   mean     sd       min      max");
            System.out.println(spreadRow("HR@10", hrSpread));
            System.out.println(spreadRow("NDCG@10", ndcgSpread));
            ObjectNode withSpread = (ObjectNode) JSON.readTree(json);
            ObjectNode spread = withSpread.putObject("negativeSeeds").put("seeds", negativeSeeds);
            putSpread(spread.putObject("hr@10"), hrSpread);
            putSpread(spread.putObject("ndcg@10"), ndcgSpread);
            json = JSON.writeValueAsString(withSpread);
        }
        if (jsonOut != null) {
            Files.writeString(jsonOut, json + "\n", StandardCharsets.UTF_8);
        }
        return 0;
    }

    private static String spreadRow(String metric, Spread s) {
        return String.format(Locale.ROOT, "%-8s %-8.4f %-8.4f %-8.4f %.4f", metric, s.mean(), s.sd(), s.min(), s.max());
    }

    private static void putSpread(ObjectNode node, Spread s) {
        node.put("mean", s.mean()).put("sd", s.sd()).put("min", s.min()).put("max", s.max());
    }
}

package io.lisastream.trainer.bench;

import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.data.DatasetReader;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.eval.Evaluator;
import io.lisastream.model.eval.InferenceRanker;
import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.model.eval.MarkovRanker;
import io.lisastream.model.eval.PopularityRanker;
import io.lisastream.model.eval.Protocol;
import io.lisastream.model.eval.Target;
import io.lisastream.model.inference.InferenceModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Benchmark helper (not a test): where an artifact's sampled HR@10 is lost. Users are split into
 * five equal groups twice, by how often their target occurs in the training sequences and by the
 * length of their history, and HR@10 (100 uniform negatives, seed 42) is printed per group for the
 * artifact, popularity and first-order Markov, with the ranks of the artifact's misses.
 * Usage: HitsByGroup DATA_FILE MODEL_DIR [test|valid]
 */
public final class HitsByGroup {
    private static final int GROUPS = 5;

    public static void main(String[] args) throws Exception {
        SequenceDataset data = DatasetReader.read(Path.of(args[0]));
        LeaveOneOut split = LeaveOneOut.split(data);
        Target target = args.length > 2 && args[2].equals("valid") ? Target.VALIDATION : Target.TEST;
        PopularityRanker popularity = PopularityRanker.fit(split);
        Evaluator evaluator = Evaluator.of(split).protocol(Protocol.SAMPLED).target(target).seed(42).threads(1);
        int[] users = evaluator.users();
        Map<String, int[]> ranks = new LinkedHashMap<>();
        InferenceModel model = InferenceModel.compile(ModelArtifact.read(Path.of(args[1])));
        ranks.put("artifact", evaluator.ranks(InferenceRanker.of(model, data.itemIds())));
        ranks.put("popularity", evaluator.ranks(popularity));
        ranks.put("markov", evaluator.ranks(MarkovRanker.fit(split)));

        System.out.printf("%s target, HR@10 sampled, fifths of %d users%n", target, users.length);
        printByGroup("target count", k -> (int) popularity.count(split.target(users[k], target)), users.length,
                ranks);
        printByGroup("history length", k -> split.history(users[k], target).length, users.length, ranks);

        int[] bounds = {10, 20, 30, 50, 75, 101};
        int[] misses = new int[bounds.length - 1];
        for (int r : ranks.get("artifact")) {
            for (int b = 0; b < misses.length; b++) {
                if (r >= bounds[b] && r < bounds[b + 1]) {
                    misses[b]++;
                }
            }
        }
        StringBuilder line = new StringBuilder("artifact misses by rank of the target (0-based, of 101):");
        for (int b = 0; b < misses.length; b++) {
            line.append(' ').append(bounds[b]).append('-').append(bounds[b + 1] - 1).append(": ").append(misses[b]);
        }
        System.out.println(line);
    }

    /** HR@10 per fifth of the users ordered by {@code key} (of the user's index in the evaluator's order). */
    private static void printByGroup(String keyName, IntUnaryOperator key, int n, Map<String, int[]> ranks) {
        Integer[] order = new Integer[n];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, Comparator.comparingInt(key::applyAsInt));
        System.out.printf("%-6s %-18s", "group", keyName);
        ranks.keySet().forEach(name -> System.out.printf(" %10s", name));
        System.out.println();
        for (int g = 0; g < GROUPS; g++) {
            int from = g * n / GROUPS;
            int to = (g + 1) * n / GROUPS;
            System.out.printf("%-6s %-18s", "q" + (g + 1),
                    key.applyAsInt(order[from]) + ".." + key.applyAsInt(order[to - 1]));
            for (int[] r : ranks.values()) {
                int hits = 0;
                for (int k = from; k < to; k++) {
                    hits += r[order[k]] < 10 ? 1 : 0;
                }
                System.out.printf(" %10.4f", hits / (double) (to - from));
            }
            System.out.println();
        }
    }
}

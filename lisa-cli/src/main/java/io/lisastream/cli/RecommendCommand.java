package io.lisastream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lisastream.model.LisaModel;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.model.inference.ScoredItems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lisa recommend}: top-K items for one history, scored by a model artifact. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Score a history with a model artifact and print the top K items, best first.")
final class RecommendCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model artifact directory.")
    Path model;

    @Option(names = "--history", required = true, split = ",", paramLabel = "ID,ID,...",
            description = "Item ids the user clicked, oldest first.")
    List<String> history;

    @Option(names = {"-k", "--top"}, defaultValue = "10", description = "How many items (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--exclude-history", description = "Never recommend items of the history.")
    boolean excludeHistory;

    @Option(names = "--json", description = "Print {\"items\":[{\"itemId\":..,\"score\":..}]} instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (k <= 0) {
            throw new IllegalArgumentException("-k must be a positive number, got " + k);
        }
        LisaModel lisaModel = ModelArtifact.read(model);
        InferenceModel inference = InferenceModel.compile(lisaModel);
        List<String> unknown = new ArrayList<>();
        int[] indices = history.stream().mapToInt(id -> {
            int i = lisaModel.indexOf(id);
            if (i < 0) {
                unknown.add(id);
            }
            return i;
        }).filter(i -> i >= 0).toArray();
        if (!unknown.isEmpty()) {
            System.err.println("lisa recommend: skipping items the model does not know: " + String.join(",", unknown));
        }
        if (indices.length == 0) {
            throw new IllegalArgumentException("none of the history's items is in the model's catalogue");
        }
        ScoredItems top = inference.topK(inference.userVector(indices), k, excludeHistory ? indices : null);
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            ArrayNode items = root.putArray("items");
            for (int i = 0; i < top.size(); i++) {
                items.addObject().put("itemId", lisaModel.itemIds().get(top.items()[i])).put("score", top.scores()[i]);
            }
            System.out.println(mapper.writeValueAsString(root));
        } else {
            System.out.printf("%4s  %-20s %10s%n", "rank", "item", "score");
            for (int i = 0; i < top.size(); i++) {
                System.out.printf("%4d  %-20s %10.4f%n", i + 1, lisaModel.itemIds().get(top.items()[i]), top.scores()[i]);
            }
        }
        return 0;
    }
}

package io.lisastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lisastream.model.LisaModel;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.data.DatasetWriter;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.inference.InferenceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** recommend, evaluate and inspect on artifacts written by NumPy (lisa-model's test fixtures). */
class ModelCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path numpyArtifact(String variant) {
        return Path.of("..", "lisa-model", "src", "test", "resources", "numpy-artifacts", variant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lisa-base", "lisa-soft", "lisa-mini", "sasrec"})
    void recommendPrintsTheModelsTopKAsJson(String variant) throws Exception {
        LisaModel model = ModelArtifact.read(numpyArtifact(variant));
        List<String> ids = model.itemIds();
        CliRun run = CliRun.of("recommend", "--model", numpyArtifact(variant).toString(),
                "--history", ids.get(3) + "," + ids.get(5) + "," + ids.get(3), "-k", "4", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();

        JsonNode items = JSON.readTree(run.out()).get("items");
        assertThat(items).hasSize(4);
        InferenceModel inference = InferenceModel.compile(model);
        float[] scores = inference.scoreAll(inference.userVector(new int[] {3, 5, 3}));
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode item : items) {
            double score = item.get("score").asDouble();
            assertThat(score).isLessThanOrEqualTo(previous);
            assertThat(score).isCloseTo(scores[model.indexOf(item.get("itemId").asText())], org.assertj.core.api.Assertions.within(1e-5));
            previous = score;
        }

        CliRun excluding = CliRun.of("recommend", "--model", numpyArtifact(variant).toString(),
                "--history", ids.get(3) + "," + ids.get(5), "-k", "12", "--json", "--exclude-history");
        List<String> returned = new ArrayList<>();
        JSON.readTree(excluding.out()).get("items").forEach(n -> returned.add(n.get("itemId").asText()));
        assertThat(returned).hasSize(10).doesNotContain(ids.get(3), ids.get(5));
    }

    @Test
    void inspectValidatesAndDescribes() throws Exception {
        CliRun run = CliRun.of("inspect", "--model", numpyArtifact("lisa-base").toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.get("valid").asBoolean()).isTrue();
        assertThat(out.get("variant").asText()).isEqualTo("lisa-base");
        assertThat(out.get("tensors").has("codes")).isTrue();

        CliRun words = CliRun.of("inspect", "--model", numpyArtifact("sasrec").toString());
        assertThat(words.out()).contains("sasrec over 12 items", "valid");
    }

    @Test
    void evaluateWritesMetricsJson(@TempDir Path tmp) throws Exception {
        LisaModel model = ModelArtifact.read(numpyArtifact("lisa-base"));
        // 30 users with random clicks over the model's 12 items... too few items for 100 negatives,
        // so the full protocol is the one that applies here.
        SplittableRandom rnd = new SplittableRandom(3);
        List<String> users = new ArrayList<>();
        List<List<String>> sequences = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            users.add("u" + u);
            List<String> seq = new ArrayList<>();
            for (int j = 0; j < 6; j++) {
                seq.add(model.itemIds().get(rnd.nextInt(12)));
            }
            sequences.add(seq);
        }
        Path data = tmp.resolve("clicks.txt");
        DatasetWriter.writeSasrec(SequenceDataset.fromLists(users, sequences), data);
        Path metrics = tmp.resolve("metrics.json");
        CliRun run = CliRun.of("evaluate", "--model", numpyArtifact("lisa-base").toString(), "--data", data.toString(),
                "--format", "sasrec", "--protocol", "full", "--json", metrics.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("HR@10");
        JsonNode m = JSON.readTree(Files.readString(metrics));
        assertThat(m.get("protocol").asText()).isEqualTo("full");
        assertThat(m.get("users").asInt()).isEqualTo(30);
        assertThat(m.get("hr@10").asDouble()).isBetween(0.0, 1.0);
        assertThat(m.get("hr@5").asDouble()).isLessThanOrEqualTo(m.get("hr@10").asDouble());
    }

    @Test
    void errorsAreOneLineAndNonZero(@TempDir Path tmp) {
        CliRun missing = CliRun.of("recommend", "--model", tmp.resolve("nope").toString(), "--history", "1");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).startsWith("lisa recommend:").doesNotContain("\n").contains("nope");

        CliRun unknown = CliRun.of("recommend", "--model", numpyArtifact("lisa-base").toString(), "--history", "zzz");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("none of the history's items");

        CliRun badProtocol = CliRun.of("evaluate", "--model", numpyArtifact("lisa-base").toString(), "--data", "x",
                "--protocol", "weird");
        assertThat(badProtocol.exitCode()).isEqualTo(1);
        assertThat(badProtocol.err()).contains("--protocol must be sampled or full");

        assertThat(CliRun.of("recommend").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("evaluate", "--help").out()).contains("--protocol");
    }
}

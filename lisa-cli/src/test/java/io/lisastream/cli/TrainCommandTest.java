package io.lisastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lisastream.model.LisaModel;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.data.DatasetWriter;
import io.lisastream.model.data.SyntheticSequences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lisa train} end to end on a small generated dataset (a two-block sasrec): options reach the
 * run and the manifest.
 */
class TrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void trainsExportsAndRecordsItsOptions(@TempDir Path tmp) throws Exception {
        // 40 items: too few to draw 100 unseen negatives per user, so validation ranks all items
        Path data = tmp.resolve("clicks.txt");
        DatasetWriter.writeSasrec(SyntheticSequences.generate(60, 40, 12, 5), data);
        Path out = tmp.resolve("run");
        CliRun run = CliRun.of("train", "--data", data.toString(), "--variant", "sasrec", "--out", out.toString(),
                "--dim", "8", "--max-len", "10", "--batch", "16", "--epochs", "2", "--eval-every", "1",
                "--negatives", "0", "--weight-decay", "0.25", "--max-minutes", "30", "--threads", "1", "--quiet",
                "--blocks", "2", "--param-average", "0.9");
        assertThat(run.exitCode()).as(run.err()).isZero();

        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("epochs").asInt()).isEqualTo(2);
        assertThat(summary.get("validation").get("hr10").asDouble()).isBetween(0.0, 1.0);
        assertThat(summary.get("validation").get("protocol").asText()).isEqualTo("full");
        assertThat(run.err()).contains("validating with the full protocol");

        LisaModel model = ModelArtifact.read(out.resolve("model"));
        assertThat(model.config().dim()).isEqualTo(8);
        assertThat(model.config().blocks()).isEqualTo(2);
        assertThat(model.tensor("ffn_w1").shape()).containsExactly(2, 8, 8);
        Map<String, Object> training = model.training();
        assertThat((String) training.get("protocol")).contains("full: all items");
        assertThat((String) training.get("command")).contains("--weight-decay 0.25", "--max-minutes 30.0",
                "--dim 8", "--blocks 2", "--param-average 0.9");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) training.get("config");
        assertThat(((Number) config.get("weightDecay")).doubleValue()).isEqualTo(0.25);
        assertThat(((Number) config.get("blocks")).intValue()).isEqualTo(2);
        assertThat(((Number) config.get("paramAverage")).doubleValue()).isEqualTo(0.9);
    }

    @Test
    void rejectsAStackOfNoBlocks(@TempDir Path tmp) throws Exception {
        assertRejected(tmp, "blocks", "--variant", "lisa-base", "--blocks", "0");
    }

    @Test
    void rejectsANegativeWeightDecay(@TempDir Path tmp) throws Exception {
        assertRejected(tmp, "weightDecay", "--variant", "sasrec", "--weight-decay", "-1");
    }

    @Test
    void rejectsAParameterAverageThatNeverMoves(@TempDir Path tmp) throws Exception {
        assertRejected(tmp, "paramAverage", "--variant", "sasrec", "--param-average", "1");
    }

    /** {@code lisa train} on a small dataset with these options fails, saying {@code why}. */
    private static void assertRejected(Path tmp, String why, String... options) throws Exception {
        Path data = tmp.resolve("clicks.txt");
        DatasetWriter.writeSasrec(SyntheticSequences.generate(20, 20, 8, 5), data);
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out",
                tmp.resolve("run").toString()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains(why);
    }
}

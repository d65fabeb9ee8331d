package io.lisastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lisastream.model.Variant;
import io.lisastream.model.data.DatasetWriter;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.data.SyntheticSequences;
import io.lisastream.trainer.TrainConfig;
import io.lisastream.trainer.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lisa evaluate --negative-seeds}: the sampled protocol's spread over draws of the negatives. */
class EvaluateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reportsTheSpreadOfTheSampledMetricsOverSeedsOfTheNegatives(@TempDir Path tmp) throws Exception {
        // 300 items: enough unseen ones for 100 negatives per user, so the sampled protocol applies
        SequenceDataset data = SyntheticSequences.generate(120, 300, 20, 11);
        Path clicks = tmp.resolve("clicks.txt");
        DatasetWriter.writeSasrec(data, clicks);
        TrainConfig cfg = TrainConfig.defaults(Variant.SASREC).withEpochs(1).withShape(16, 16, 20, 1, 1)
                .withLoss("ce", 0).withBatch(32).withRun(42, 1, 1, 0, 0);
        Path modelDir = Trainer.train(data, cfg, tmp.resolve("run"), null).modelDir();

        Path json = tmp.resolve("metrics.json");
        CliRun run = CliRun.of("evaluate", "--model", modelDir.toString(), "--data", clicks.toString(),
                "--negative-seeds", "4", "--threads", "1", "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("negatives drawn under seeds 1-4", "HR@10", "NDCG@10");
        JsonNode m = JSON.readTree(Files.readString(json));
        assertThat(m.get("protocol").asText()).isEqualTo("sampled");
        JsonNode hr = m.get("negativeSeeds").get("hr@10");
        assertThat(m.get("negativeSeeds").get("seeds").asInt()).isEqualTo(4);
        assertThat(hr.get("min").asDouble()).isLessThanOrEqualTo(hr.get("mean").asDouble());
        assertThat(hr.get("mean").asDouble()).isLessThanOrEqualTo(hr.get("max").asDouble());
        assertThat(hr.get("sd").asDouble()).isGreaterThan(0);

        // each draw is the plain evaluation under that seed: seed 3 alone lies in the reported range
        Path one = tmp.resolve("seed3.json");
        CliRun seed3 = CliRun.of("evaluate", "--model", modelDir.toString(), "--data", clicks.toString(),
                "--seed", "3", "--threads", "1", "--json", one.toString());
        assertThat(seed3.exitCode()).as(seed3.err()).isZero();
        double hr3 = JSON.readTree(Files.readString(one)).get("hr@10").asDouble();
        assertThat(hr3).isBetween(hr.get("min").asDouble(), hr.get("max").asDouble());
    }

    @Test
    void negativeSeedsNeedTheSampledProtocol() {
        CliRun run = CliRun.of("evaluate", "--model", "m", "--data", "d", "--protocol", "full", "--negative-seeds", "5");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--negative-seeds needs --protocol sampled");
    }
}

package io.lisastream.bench.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lisastream.bench.BenchModels;
import io.lisastream.bench.report.Json;
import io.lisastream.model.LisaModel;
import io.lisastream.model.Variant;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.model.inference.ScoredItems;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringBenchmarkTest {
    @Test
    void writesOneRowPerCatalogueSizeWithTheDocumentedFields() throws Exception {
        List<ScoringResult> results = new ScoringBenchmark(10, 0.05, 50, 3).run(new int[] {40, 700});
        JsonNode rows = Json.mapper().readTree(Json.toJson(results)).get("results");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("items").asInt()).isEqualTo(40);
        assertThat(rows.get(1).get("items").asInt()).isEqualTo(700);
        for (JsonNode r : rows) {
            for (String f : new String[] {"codesUs", "denseUs", "speedup", "codesBytes", "denseBytes"}) {
                assertThat(r.get(f).isNumber()).as(f).isTrue();
                assertThat(r.get(f).asDouble()).as(f).isPositive();
            }
            // 8 one-byte codes per item against 128 floats (dense blocks are padded to 256 items)
            assertThat(r.get("codesBytes").asLong()).isEqualTo(8L * r.get("items").asLong());
            assertThat(r.get("denseBytes").asLong()).isGreaterThanOrEqualTo(512L * r.get("items").asLong());
        }
    }

    @Test
    void denseBaselineRanksTheSameItemsAsTheCodeScorer() {
        LisaModel model = BenchModels.build(BenchModels.config(Variant.LISA_BASE, 1000, 50), 5);
        InferenceModel inference = InferenceModel.compile(model);
        DenseTopK dense = new DenseTopK(ScoringBenchmark.decoded(model), 1000, 128);
        float[] z = inference.userVector(BenchModels.history(1000, 30, 6));
        ScoredItems codes = inference.topK(z, 10, null);
        ScoredItems byDense = dense.topK(z, 10);
        assertThat(byDense.items()).containsExactly(codes.items());
        for (int i = 0; i < 10; i++) {
            assertThat(byDense.scores()[i]).isCloseTo(codes.scores()[i], org.assertj.core.data.Offset.offset(1e-3f));
        }
    }
}

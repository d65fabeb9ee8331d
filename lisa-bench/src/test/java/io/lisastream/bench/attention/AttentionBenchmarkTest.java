package io.lisastream.bench.attention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lisastream.bench.report.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attention benchmark writes the documented JSON (tiny lengths, tiny budget: shape only, no timing claims). */
class AttentionBenchmarkTest {
    @Test
    void writesOneRowPerLengthAndVariantWithTheDocumentedFields() throws Exception {
        List<AttentionResult> results = new AttentionBenchmark(128, 0.05, 2, 1).run(new int[] {8, 33});
        JsonNode root = Json.mapper().readTree(Json.toJson(results));
        JsonNode rows = root.get("results");
        assertThat(rows).hasSize(4);
        assertThat(root.get("machine").get("cores").asInt()).isPositive();
        int i = 0;
        for (int length : new int[] {8, 33}) {
            for (String variant : new String[] {"lisa-base", "lisa-mini"}) {
                JsonNode r = rows.get(i++);
                assertThat(r.get("length").asInt()).isEqualTo(length);
                assertThat(r.get("variant").asText()).isEqualTo(variant);
                for (String field : new String[] {"lisaMs", "vanillaMs", "speedup", "memoryRatio", "efficientMs"}) {
                    assertThat(r.get(field).isNumber()).as(field).isTrue();
                    assertThat(r.get(field).asDouble()).as(field).isPositive();
                }
                for (String field : new String[] {"lisaBytes", "vanillaBytes", "efficientBytes"}) {
                    assertThat(r.get(field).canConvertToLong()).as(field).isTrue();
                    assertThat(r.get(field).asLong()).as(field).isPositive();
                }
                assertThat(r.get("speedup").asDouble())
                        .isCloseTo(r.get("vanillaMs").asDouble() / r.get("lisaMs").asDouble(),
                                org.assertj.core.data.Percentage.withPercentage(10));
            }
        }
    }

    @Test
    void theVanillaWithTheFullScoreMatrixAllocatesAtLeastItsLByLFloats() {
        List<AttentionResult> results = new AttentionBenchmark(128, 0.05, 1, 1).run(new int[] {600});
        assertThat(results.get(0).vanillaBytes()).isGreaterThanOrEqualTo(4L * 600 * 600);
        assertThat(results.get(0).efficientBytes()).isLessThan(results.get(0).vanillaBytes());
        // LISA's working set: the [L][D] output plus tables that do not grow with L
        assertThat(results.get(0).lisaBytes()).isLessThan(results.get(0).vanillaBytes());
    }
}

package io.lisastream.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lisastream.model.LisaModel;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Java inference against an independent NumPy implementation of "Inference, exactly"
 * (src/test/python/lisa_reference.py): artifacts written by NumPy, scores computed in float64 there,
 * for histories of length 1, longer than maxLen, and with repeats. Both the batch form and the
 * incremental state must reproduce them.
 */
class NumpyReferenceScoresTest {
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @EnumSource(Variant.class)
    void scoresMatchTheNumpyReference(Variant variant) throws Exception {
        Path dir = Path.of(getClass().getResource("/numpy-artifacts/" + variant.wireName()).toURI());
        LisaModel model = ModelArtifact.read(dir);
        InferenceModel inference = InferenceModel.compile(model);
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        JsonNode histories = expected.get("histories");
        assertThat(histories.size()).isGreaterThanOrEqualTo(3);
        for (int k = 0; k < histories.size(); k++) {
            int[] history = new int[histories.get(k).size()];
            for (int j = 0; j < history.length; j++) {
                history[j] = model.indexOf(histories.get(k).get(j).asText());
                assertThat(history[j]).isNotNegative();
            }
            float[] batch = inference.scoreAll(inference.userVector(history));
            float[] incremental = null;
            if (inference.isIncremental()) {
                UserState state = inference.newState();
                for (int item : history) {
                    inference.observe(state, item);
                }
                incremental = inference.scoreAll(inference.userVector(state));
            }
            JsonNode scores = expected.get("scores").get(k);
            assertThat(scores.size()).isEqualTo(model.config().numItems());
            for (int n = 0; n < scores.size(); n++) {
                double want = scores.get(n).asDouble();
                assertThat((double) batch[n]).as("%s history %d item %d (batch)", variant, k, n)
                        .isCloseTo(want, org.assertj.core.api.Assertions.within(TOLERANCE));
                if (incremental != null) {
                    assertThat((double) incremental[n]).as("%s history %d item %d (incremental)", variant, k, n)
                            .isCloseTo(want, org.assertj.core.api.Assertions.within(TOLERANCE));
                }
            }
        }
    }
}

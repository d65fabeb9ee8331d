package io.lisastream.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.RandomModels;
import io.lisastream.model.Variant;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** The O(B)-per-event state gives the same user vector as the batch form over the whole history. */
class IncrementalMatchesBatchTest {
    private static final float TOLERANCE = 1e-5f;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Variant.LISA_BASE, 0.1, 6_000),
                Arguments.of(Variant.LISA_BASE, 0.0, 3_000),
                Arguments.of(Variant.LISA_BASE, 2.5, 2_000),
                Arguments.of(Variant.LISA_MINI, 0.1, 6_000),
                Arguments.of(Variant.LISA_SOFT, 0.1, 5_500));
    }

    @ParameterizedTest(name = "{0} decay={1} events={2}")
    @MethodSource("cases")
    void incrementalStateEqualsBatchOverLongHistories(Variant variant, double decay, int events) {
        LisaModel model = RandomModels.build(RandomModels.config(variant, 40, 16, 50, decay, 3, 8), 7);
        InferenceModel inference = InferenceModel.compile(model);
        int[] history = RandomModels.history(40, events, 11);
        UserState state = inference.newState();
        for (int t = 1; t <= events; t++) {
            inference.observe(state, history[t - 1]);
            if (t <= 60 || t % 97 == 0 || t == events) {
                int[] prefix = Arrays.copyOf(history, t);
                float[] incremental = inference.userVector(state);
                float[] batch = inference.userVector(prefix);
                assertClose(incremental, batch, "z after " + t + " events");
                assertRelativelyClose(inference.histogram(state), inference.histogram(prefix), "h after " + t);
                assertClose(inference.scoreAll(incremental), inference.scoreAll(batch), "scores after " + t);
            }
        }
        assertThat(state.count()).isEqualTo(events);
        for (float v : inference.userVector(state)) {
            assertThat(Float.isFinite(v)).as("finite user vector after %d events", events).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void stateSurvivesRestoreFromItsParts(Variant variant) {
        LisaModel model = RandomModels.build(RandomModels.config(variant, 30, 8, 20, 0.1, 2, 4), 3);
        InferenceModel inference = InferenceModel.compile(model);
        int[] history = RandomModels.history(30, 900, 5);
        UserState state = inference.newState();
        for (int i = 0; i < 500; i++) {
            inference.observe(state, history[i]);
        }
        UserState restored = UserState.restore(state.scaledHistogram().clone(), state.scaleExponent(),
                state.lastItem(), state.lastCodes().clone(), state.count());
        for (int i = 500; i < 900; i++) {
            inference.observe(state, history[i]);
            inference.observe(restored, history[i]);
        }
        assertThat(inference.userVector(restored)).containsExactly(inference.userVector(state));
    }

    static Stream<Variant> variants() {
        return Stream.of(Variant.LISA_BASE, Variant.LISA_SOFT, Variant.LISA_MINI);
    }

    static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            float tol = TOLERANCE * Math.max(1f, Math.abs(expected[i]));
            assertThat(Math.abs(actual[i] - expected[i])).as("%s [%d]: %s vs %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tol);
        }
    }

    static void assertRelativelyClose(float[] actual, float[] expected, String what) {
        float max = 0;
        for (float v : expected) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < actual.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("%s [%d]", what, i)
                    .isLessThanOrEqualTo(TOLERANCE * max);
        }
    }
}

package io.lisastream.model.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.Tensor;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model small enough to score on paper: D = 2, one codebook of two codewords C = I, identity
 * projections, decay ln 2 (r = 1/2), maxLen = 2. Items 0 and 2 have code 0, item 1 has code 1.
 *
 * <pre>
 * history 0, 1, 1 (t = 3):
 *   h        = [r^2, r + 1]                        = [0.25, 1.5]
 *   s        = C[1] . C[w] / sqrt(2)               = [0, 0.70711]
 *   alpha    = [0.25, 1.5 e^0.70711] / 3.29217     = [0.0759377, 0.9240623]
 *   o        = alpha . C                           = [0.0759377, 0.9240623]
 *   x        = C[1] + P[min(3,2) - 1]              = [0, 1] + [0.5, -0.5] = [0.5, 0.5]
 *   y        = LN1(x + o) = LN([0.5759377, 1.4240623]); mean 1, var 0.1798291
 *            = [-0.4240623, 0.4240623] / sqrt(0.1798291 + 1e-5) = [-0.9999722, 0.9999722]
 *   FFN      = W2 ReLU(W1 y) with W1 = [[0], [1]], W2 = [[1, 0]]: ReLU(0.9999722) -> [0.9999722, 0]
 *   z        = LN2(y + FFN) = LN([0, 0.9999722]) = [-0.99998, 0.99998]
 *   scores   = z . C[codes[n]] = [-0.99998, 0.99998, -0.99998]
 * </pre>
 */
class HandComputedExampleTest {
    private static final double LN2 = Math.log(2);

    static LisaModel model() {
        ModelConfig config = new ModelConfig("hand", Variant.LISA_BASE, 2, 1, 2, LN2, 1e-5, 1, 2, 0, 0, 3);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put(TensorSpec.CODES, Tensor.i32(new int[] {0, 1, 0}, 3, 1));
        t.put(TensorSpec.CODEBOOKS, Tensor.f32(new float[] {1, 0, 0, 1}, 1, 2, 2));
        float[] identity = {1, 0, 0, 1};
        t.put(TensorSpec.W_Q, Tensor.f32(identity.clone(), 1, 2, 2));
        t.put(TensorSpec.W_K, Tensor.f32(identity.clone(), 1, 2, 2));
        t.put(TensorSpec.W_V, Tensor.f32(identity.clone(), 1, 2, 2));
        t.put(TensorSpec.POS, Tensor.f32(new float[] {0, 0, 0.5f, -0.5f}, 2, 2));
        t.put(TensorSpec.LN1_GAMMA, Tensor.f32(new float[] {1, 1}, 2));
        t.put(TensorSpec.LN1_BETA, Tensor.f32(new float[] {0, 0}, 2));
        t.put(TensorSpec.LN2_GAMMA, Tensor.f32(new float[] {1, 1}, 2));
        t.put(TensorSpec.LN2_BETA, Tensor.f32(new float[] {0, 0}, 2));
        t.put(TensorSpec.FFN_W1, Tensor.f32(new float[] {0, 1}, 2, 1));
        t.put(TensorSpec.FFN_B1, Tensor.f32(new float[] {0}, 1));
        t.put(TensorSpec.FFN_W2, Tensor.f32(new float[] {1, 0}, 1, 2));
        t.put(TensorSpec.FFN_B2, Tensor.f32(new float[] {0, 0}, 2));
        return new LisaModel(config, List.of("a", "b", "c"), t, Map.of(), null);
    }

    @Test
    void histogramAttentionBlockAndScoresMatchThePaperCalculation() {
        LisaModel model = model();
        InferenceModel inference = InferenceModel.compile(model);
        int[] history = {0, 1, 1};

        UserState state = inference.newState();
        for (int item : history) {
            inference.observe(state, item);
        }
        assertThat(inference.histogram(state)).containsExactly(new float[] {0.25f, 1.5f}, within(1e-6f));
        assertThat(inference.histogram(history)).containsExactly(new float[] {0.25f, 1.5f}, within(1e-6f));

        float[] o = new float[2];
        new CodewordAttention(model).attend(inference.histogram(history), new int[] {1}, o);
        assertThat(o).containsExactly(new float[] {0.0759377f, 0.9240623f}, within(1e-6f));

        float[] z = inference.userVector(state);
        assertThat(z).containsExactly(new float[] {-0.99998f, 0.99998f}, within(1e-5f));
        assertThat(inference.userVector(history)).containsExactly(z, within(1e-6f));
        assertThat(inference.scoreAll(z)).containsExactly(new float[] {-0.99998f, 0.99998f, -0.99998f}, within(1e-5f));

        ScoredItems top = inference.topK(z, 2, new int[] {1});
        assertThat(top.items()).containsExactly(0, 2);
    }
}

package io.lisastream.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.RandomModels;
import io.lisastream.model.Tensor;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With one codebook, one codeword per item and no decay, the histogram holds item counts and LISA's
 * attention is ordinary softmax attention over the history's items: the same z as SASRec with the
 * codewords as item embeddings and zero positions.
 */
class SingleCodebookIsSoftmaxAttentionTest {
    private static final int N = 9;
    private static final int D = 6;

    @Test
    void oneCodebookWithoutDecayEqualsSoftmaxAttentionOverItems() {
        LisaModel random = RandomModels.build(RandomModels.config(Variant.LISA_BASE, N, D, 12, 0.0, 1, N), 21);
        Map<String, Tensor> lisaTensors = new LinkedHashMap<>(random.tensors());
        int[] identity = new int[N];
        for (int n = 0; n < N; n++) {
            identity[n] = n;
        }
        lisaTensors.put(TensorSpec.CODES, Tensor.i32(identity, N, 1));
        lisaTensors.put(TensorSpec.POS, Tensor.f32(new float[12 * D], 12, D));
        LisaModel lisa = new LisaModel(random.config(), random.itemIds(), lisaTensors, Map.of(), null);

        ModelConfig sasConfig = new ModelConfig("sas", Variant.SASREC, D, 2 * D, 12, 0.0, 1e-5, 0, 0, 0, 0, N);
        Map<String, Tensor> sasTensors = new LinkedHashMap<>();
        for (String name : TensorSpec.required(sasConfig).keySet()) {
            if (name.equals(TensorSpec.ITEM_EMB)) {
                sasTensors.put(name, Tensor.f32(lisa.floats(TensorSpec.CODEBOOKS), N, D));
            } else {
                sasTensors.put(name, lisa.tensor(name));
            }
        }
        LisaModel sasrec = new LisaModel(sasConfig, lisa.itemIds(), sasTensors, Map.of(), null);

        InferenceModel lisaInference = InferenceModel.compile(lisa);
        InferenceModel sasInference = InferenceModel.compile(sasrec);
        int[] history = {3, 1, 3, 7, 0, 3, 8, 1};
        for (int t = 1; t <= history.length; t++) {
            int[] prefix = java.util.Arrays.copyOf(history, t);
            IncrementalMatchesBatchTest.assertClose(lisaInference.userVector(prefix), sasInference.userVector(prefix),
                    "z at t=" + t);
        }
        // and the attention output itself against softmax written out here
        float[] c = lisa.floats(TensorSpec.CODEBOOKS);
        float[] q = project(c, history[history.length - 1], lisa.floats(TensorSpec.W_Q));
        double[] weights = new double[history.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < history.length; j++) {
            float[] k = project(c, history[j], lisa.floats(TensorSpec.W_K));
            double s = 0;
            for (int i = 0; i < D; i++) {
                s += q[i] * k[i];
            }
            weights[j] = s / Math.sqrt(D);
            max = Math.max(max, weights[j]);
        }
        double sum = 0;
        for (int j = 0; j < history.length; j++) {
            weights[j] = Math.exp(weights[j] - max);
            sum += weights[j];
        }
        float[] expected = new float[D];
        for (int j = 0; j < history.length; j++) {
            float[] v = project(c, history[j], lisa.floats(TensorSpec.W_V));
            for (int i = 0; i < D; i++) {
                expected[i] += (float) (weights[j] / sum) * v[i];
            }
        }
        float[] o = new float[D];
        new CodewordAttention(lisa).attend(lisaInference.histogram(history), new int[] {history[history.length - 1]}, o);
        IncrementalMatchesBatchTest.assertClose(o, expected, "attention output");
        assertThat(o).isNotEqualTo(new float[D]);
    }

    private static float[] project(float[] rows, int row, float[] m) {
        float[] out = new float[D];
        for (int r = 0; r < D; r++) {
            for (int c = 0; c < D; c++) {
                out[c] += rows[row * D + r] * m[r * D + c];
            }
        }
        return out;
    }
}

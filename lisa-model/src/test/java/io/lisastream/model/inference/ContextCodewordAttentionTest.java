package io.lisastream.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.RandomModels;
import io.lisastream.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * A stacked LISA model's blocks 1.. query the first block's histogram with the previous block's
 * output: checked against the formula written out term by term, and on a one-item history, where
 * every head has a single present codeword and so returns its value row.
 */
class ContextCodewordAttentionTest {
    private static final int D = 8;
    private static final int B = 3;
    private static final int W = 5;

    private static LisaModel twoBlocks(long seed) {
        ModelConfig c = RandomModels.config(Variant.LISA_BASE, 25, D, 6, 0.1, B, W);
        ModelConfig two = new ModelConfig("two", c.variant(), D, c.ffnDim(), c.maxLen(), c.decay(),
                c.layerNormEps(), B, W, 0, 0, c.numItems(), 2);
        return RandomModels.build(two, seed);
    }

    @Test
    void attendsAsTheFormulaSays() {
        LisaModel model = twoBlocks(3);
        ContextCodewordAttention attention = new ContextCodewordAttention(model, 1);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(8);
        float[] x = new float[D];
        for (int i = 0; i < D; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        float[] h = new float[B * W];
        for (int k = 0; k < h.length; k++) {
            h[k] = k % 4 == 1 ? 0f : (float) rnd.nextDouble(0.1, 3);
        }
        float[] o = new float[D];
        attention.attend(x, h, o);
        IncrementalMatchesBatchTest.assertClose(o, byTheFormula(model, 1, x, h), "block 1 over a random histogram");
    }

    @Test
    void aOneItemHistoryMakesEveryHeadReturnItsValueRow() {
        // one item: each head's histogram has a single present codeword, the item's own, so every
        // block's o is sum_c C_c[code_c] Wv_c whatever its query:
        // z = B1(z0, o1) with z0 = B0(x, o0) and x = sum_c C_c[code_c] + P[0]
        LisaModel model = twoBlocks(5);
        int item = 11;
        InferenceModel inference = InferenceModel.compile(model);
        float[] h = inference.histogram(new int[] {item});
        float[] o1 = valuesOfTheItem(model, 1, item);
        float[] o = new float[D];
        new ContextCodewordAttention(model, 1).attend(new float[] {1, -2, 0.5f, 3, 0, 1, -1, 2}, h, o);
        IncrementalMatchesBatchTest.assertClose(o, o1, "one item, whatever the query");

        float[] x = java.util.Arrays.copyOf(model.floats("pos"), D);
        int[] codes = model.ints("codes");
        for (int c = 0; c < B; c++) {
            float[] cw = codeword(model, c, codes[item * B + c]);
            for (int i = 0; i < D; i++) {
                x[i] += cw[i];
            }
        }
        float[] z0 = new TransformerBlock(model, 0).apply(x, valuesOfTheItem(model, 0, item));
        float[] z = new TransformerBlock(model, 1).apply(z0, o1);
        IncrementalMatchesBatchTest.assertClose(inference.userVector(new int[] {item}), z, "two blocks, one item");
        assertThat(z).isNotEqualTo(z0);
    }

    private static float[] valuesOfTheItem(LisaModel model, int block, int item) {
        float[] out = new float[D];
        int[] codes = model.ints("codes");
        for (int c = 0; c < B; c++) {
            float[] v = value(model, block, c, codes[item * B + c]);
            for (int i = 0; i < D; i++) {
                out[i] += v[i];
            }
        }
        return out;
    }

    /** o = sum_c sum_w alpha_c[w] (C_c[w] Wv), alpha from (x Wq_c) . (C_c[w] Wk_c) / sqrt(D), in doubles. */
    private static float[] byTheFormula(LisaModel model, int block, float[] x, float[] h) {
        float[] out = new float[D];
        for (int c = 0; c < B; c++) {
            float[] q = project(x, model.floats("w_q"), (block * B + c) * D * D);
            double[] weight = new double[W];
            double sum = 0;
            for (int w = 0; w < W; w++) {
                float[] key = project(codeword(model, c, w), model.floats("w_k"), (block * B + c) * D * D);
                double s = 0;
                for (int i = 0; i < D; i++) {
                    s += q[i] * key[i];
                }
                weight[w] = h[c * W + w] * Math.exp(s / Math.sqrt(D));
                sum += weight[w];
            }
            for (int w = 0; w < W; w++) {
                float[] v = value(model, block, c, w);
                for (int i = 0; i < D; i++) {
                    out[i] += (float) (weight[w] / sum * v[i]);
                }
            }
        }
        return out;
    }

    private static float[] value(LisaModel model, int block, int c, int w) {
        return project(codeword(model, c, w), model.floats("w_v"), (block * B + c) * D * D);
    }

    private static float[] codeword(LisaModel model, int c, int w) {
        return java.util.Arrays.copyOfRange(model.floats("codebooks"), (c * W + w) * D, (c * W + w + 1) * D);
    }

    private static float[] project(float[] v, float[] m, int offset) {
        float[] out = new float[D];
        Linear.accumulate(v, m, offset, D, out);
        return out;
    }
}

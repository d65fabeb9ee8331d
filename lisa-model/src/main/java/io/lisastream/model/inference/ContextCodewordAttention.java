package io.lisastream.model.inference;

import io.lisastream.model.LisaModel;
import io.lisastream.model.TensorSpec;

/**
 * Codeword attention queried by a continuous vector x instead of the newest item's codes (this
 * project's extension, docs/model-artifact.md), with block k's projections over the first block's
 * histogram and codewords: for block k >= 1, x is the previous block's output; for block 0 of a
 * model with query INPUT, x is the block's input (item embedding + position):
 * <pre>
 *   s_b[w]     = (x Wq_b) . (C_b[w] Wk_b) / sqrt(D)  = x . M_b[:, w],  M_b = Wq_b (C_b Wk_b)^T / sqrt(D)
 *   alpha_b[w] = h[b][w] exp(s_b[w]) / sum_w' h[b][w'] exp(s_b[w'])   (max over present codewords first)
 *   o          = sum_b sum_w alpha_b[w] (C_b[w] Wv_b)
 * </pre>
 * M and the value rows are computed once per model; an event costs O(B W D), independent of the
 * history length, and needs no state but the histogram.
 */
final class ContextCodewordAttention {
    private final int b;
    private final int w;
    /** [D][B*W]: row r holds M_b[r][w] at b*W + w. */
    private final float[][] m;
    /** [B*W][D] C_b[w] Wv_b at row b*W + w. */
    private final float[][] values;

    ContextCodewordAttention(LisaModel model, int block) {
        this.b = model.config().codebooks();
        this.w = model.config().codewords();
        int d = model.config().dim();
        float[] c = model.floats(TensorSpec.CODEBOOKS);
        int projections = block * b * d * d;
        float[] wq = model.floats(TensorSpec.W_Q);
        float[] wk = model.floats(TensorSpec.W_K);
        float[] wv = model.floats(TensorSpec.W_V);
        this.m = new float[d][b * w];
        this.values = new float[b * w][];
        float invSqrtD = (float) (1.0 / Math.sqrt(d));
        for (int cb = 0; cb < b; cb++) {
            int off = projections + cb * d * d;
            for (int cw = 0; cw < w; cw++) {
                float[] key = Linear.projectRow(c, cb * w + cw, d, wk, off, d);
                values[cb * w + cw] = Linear.projectRow(c, cb * w + cw, d, wv, off, d);
                for (int r = 0; r < d; r++) {
                    m[r][cb * w + cw] = Linear.dot(wq, off + r * d, key, 0, d) * invSqrtD;
                }
            }
        }
    }

    /**
     * o for query x (length D) and a histogram (true or uniformly scaled per codebook); {@code out}
     * (length D) is overwritten.
     */
    void attend(float[] x, float[] histogram, float[] out) {
        java.util.Arrays.fill(out, 0f);
        float[] s = new float[b * w];
        Linear.accumulate(x, m, s);
        float[] alpha = new float[w];
        for (int cb = 0; cb < b; cb++) {
            int off = cb * w;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < w; k++) {
                if (histogram[off + k] > 0) {
                    max = Math.max(max, s[off + k]);
                }
            }
            if (max == Double.NEGATIVE_INFINITY) {
                continue; // an empty codebook (no event yet) contributes nothing
            }
            double sum = 0;
            for (int k = 0; k < w; k++) {
                float h = histogram[off + k];
                float a = h > 0 ? h * (float) Math.exp(s[off + k] - max) : 0f;
                alpha[k] = a;
                sum += a;
            }
            float inv = (float) (1.0 / sum);
            for (int k = 0; k < w; k++) {
                alpha[k] *= inv;
            }
            Linear.mix(alpha, values, off, w, out);
        }
    }
}

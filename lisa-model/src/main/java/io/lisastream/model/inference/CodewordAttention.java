package io.lisastream.model.inference;

import io.lisastream.model.LisaModel;
import io.lisastream.model.TensorSpec;

/**
 * LISA's attention for the newest position: each codebook b is a head attending over its W
 * codewords, weighted by the histogram:
 * <pre>
 *   s_b[w]     = (C_b[q_b] Wq_b) . (C_b[w] Wk_b) / sqrt(D)
 *   alpha_b[w] = h[b][w] exp(s_b[w]) / sum_w' h[b][w'] exp(s_b[w'])
 *   o          = sum_b sum_w alpha_b[w] (C_b[w] Wv_b)
 * </pre>
 * The W x W logit tables and the value tables C_b Wv_b are computed once per model. The logit
 * tables are stored exponentiated with each row's maximum subtracted (entries in (0, 1]), so an
 * event needs no exp(); when every present codeword underflows that shortcut, the exact
 * max-subtracted softmax is computed instead.
 */
final class CodewordAttention {
    private final int b;
    private final int w;
    private final int d;
    /** [B, W(query), W] the logits s_b[q][w]. */
    private final float[] logits;
    /** [B, W(query), W] exp(s_b[q][w] - max_w s_b[q][w]). */
    private final float[] expLogits;
    /** [B*W][D] C_b[w] Wv_b at row b*W + w (rows: the mixing loop vectorises). */
    private final float[][] values;

    CodewordAttention(LisaModel model) {
        this.b = model.config().codebooks();
        this.w = model.config().codewords();
        this.d = model.config().dim();
        float[] c = model.floats(TensorSpec.CODEBOOKS);
        float[] wq = model.floats(TensorSpec.W_Q);
        float[] wk = model.floats(TensorSpec.W_K);
        float[] wv = model.floats(TensorSpec.W_V);
        this.logits = new float[b * w * w];
        this.expLogits = new float[b * w * w];
        this.values = new float[b * w][];
        float invSqrtD = (float) (1.0 / Math.sqrt(d));
        for (int cb = 0; cb < b; cb++) {
            float[][] queries = new float[w][];
            float[][] keys = new float[w][];
            for (int cw = 0; cw < w; cw++) {
                queries[cw] = Linear.projectRow(c, cb * w + cw, d, wq, cb * d * d, d);
                keys[cw] = Linear.projectRow(c, cb * w + cw, d, wk, cb * d * d, d);
                values[cb * w + cw] = Linear.projectRow(c, cb * w + cw, d, wv, cb * d * d, d);
            }
            for (int q = 0; q < w; q++) {
                int row = (cb * w + q) * w;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < w; k++) {
                    float s = Linear.dot(queries[q], 0, keys[k], 0, d) * invSqrtD;
                    logits[row + k] = s;
                    max = Math.max(max, s);
                }
                for (int k = 0; k < w; k++) {
                    expLogits[row + k] = (float) Math.exp(logits[row + k] - max);
                }
            }
        }
    }

    /**
     * o for a histogram (true or uniformly scaled per codebook; only ratios matter) and the query
     * codes; {@code out} (length D) is overwritten.
     */
    void attend(float[] histogram, int[] queryCodes, float[] out) {
        java.util.Arrays.fill(out, 0f);
        float[] alpha = new float[w];
        for (int cb = 0; cb < b; cb++) {
            int row = (cb * w + queryCodes[cb]) * w;
            int hOff = cb * w;
            double sum = 0;
            for (int k = 0; k < w; k++) {
                float a = histogram[hOff + k] * expLogits[row + k];
                alpha[k] = a;
                sum += a;
            }
            if (!(sum > 1e-30) || Double.isInfinite(sum)) {
                sum = exactWeights(histogram, hOff, row, alpha);
            }
            if (sum == 0) {
                continue; // an empty codebook (no event yet) contributes nothing
            }
            float inv = (float) (1.0 / sum);
            for (int k = 0; k < w; k++) {
                alpha[k] *= inv;
            }
            Linear.mix(alpha, values, cb * w, w, out);
        }
    }

    /** exp(s + log h - max) over present codewords only; returns the sum of the weights written to alpha. */
    private double exactWeights(float[] histogram, int hOff, int row, float[] alpha) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < w; k++) {
            float h = histogram[hOff + k];
            if (h > 0) {
                max = Math.max(max, logits[row + k] + Math.log(h));
            }
        }
        double sum = 0;
        for (int k = 0; k < w; k++) {
            float h = histogram[hOff + k];
            float a = h > 0 ? (float) Math.exp(logits[row + k] + Math.log(h) - max) : 0f;
            alpha[k] = a;
            sum += a;
        }
        return sum;
    }
}

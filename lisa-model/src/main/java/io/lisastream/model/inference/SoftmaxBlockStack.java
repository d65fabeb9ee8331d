package io.lisastream.model.inference;

import io.lisastream.model.LisaModel;
import io.lisastream.model.TensorSpec;

/**
 * A sasrec model of k > 1 blocks (this project's extension of the artifact): the window
 * x_j = E[i_j] + P[j'] (j' = 0..L-1, L = min(t, maxLen)) passes through k causal blocks,
 * <pre>
 *   o_j = sum_{j' <= j} softmax_j'(x_j Wq . x_j' Wk / sqrt(D)) x_j' Wv;   x_j <- Block(x_j, o_j)
 * </pre>
 * and z is the newest position's output of the last block. Every block but the last needs all L
 * positions (they are the next block's keys and values), so a user vector costs O(k L^2 D + k L D F),
 * where one block ({@link SoftmaxAttention}) costs O(L D): the price of depth over a window.
 */
final class SoftmaxBlockStack {
    private final int d;
    private final int maxLen;
    private final float[] itemEmb;
    private final float[] pos;
    /** Per block: Wq, Wk, Wv [D][D] as rows. */
    private final float[][][] wq;
    private final float[][][] wk;
    private final float[][][] wv;
    private final TransformerBlock[] blocks;

    SoftmaxBlockStack(LisaModel model) {
        this.d = model.config().dim();
        this.maxLen = model.config().maxLen();
        int k = model.config().blocks();
        this.itemEmb = model.floats(TensorSpec.ITEM_EMB);
        this.pos = model.floats(TensorSpec.POS);
        this.wq = new float[k][][];
        this.wk = new float[k][][];
        this.wv = new float[k][][];
        this.blocks = new TransformerBlock[k];
        for (int b = 0; b < k; b++) {
            wq[b] = Linear.rows(model.floats(TensorSpec.W_Q), b * d * d, d, d);
            wk[b] = Linear.rows(model.floats(TensorSpec.W_K), b * d * d, d, d);
            wv[b] = Linear.rows(model.floats(TensorSpec.W_V), b * d * d, d, d);
            blocks[b] = new TransformerBlock(model, b);
        }
    }

    /** z for the newest item of a history (chronological internal indices, at least one). */
    float[] userVector(int[] history) {
        int len = Math.min(history.length, maxLen);
        int from = history.length - len;
        float[][] x = new float[len][d];
        for (int j = 0; j < len; j++) {
            int item = history[from + j];
            for (int i = 0; i < d; i++) {
                x[j][i] = itemEmb[item * d + i] + pos[j * d + i];
            }
        }
        float invSqrtD = (float) (1.0 / Math.sqrt(d));
        for (int b = 0; b < blocks.length; b++) {
            boolean last = b == blocks.length - 1;
            float[][] keys = project(x, wk[b]);
            float[][] values = project(x, wv[b]);
            int firstRow = last ? len - 1 : 0;
            float[][] next = new float[len][];
            float[] logits = new float[len];
            for (int j = firstRow; j < len; j++) {
                float[] q = new float[d];
                Linear.accumulate(x[j], wq[b], q);
                float max = Float.NEGATIVE_INFINITY;
                for (int m = 0; m <= j; m++) {
                    logits[m] = Linear.dot(q, 0, keys[m], 0, d) * invSqrtD;
                    max = Math.max(max, logits[m]);
                }
                double sum = 0;
                for (int m = 0; m <= j; m++) {
                    logits[m] = (float) Math.exp(logits[m] - max);
                    sum += logits[m];
                }
                float inv = (float) (1.0 / sum);
                float[] o = new float[d];
                for (int m = 0; m <= j; m++) {
                    float a = logits[m] * inv;
                    float[] v = values[m];
                    for (int i = 0; i < d; i++) {
                        o[i] += a * v[i];
                    }
                }
                next[j] = blocks[b].apply(x[j], o);
            }
            if (last) {
                return next[len - 1];
            }
            x = next;
        }
        throw new IllegalStateException("a stack has at least one block");
    }

    private float[][] project(float[][] x, float[][] m) {
        float[][] out = new float[x.length][d];
        for (int j = 0; j < x.length; j++) {
            Linear.accumulate(x[j], m, out[j]);
        }
        return out;
    }
}

package io.lisastream.model.inference;

import io.lisastream.model.LisaModel;
import io.lisastream.model.TensorSpec;

/**
 * SASRec's vanilla causal attention of the newest position over the last L = min(t, maxLen) items,
 * x_j = E[i_j] + P[j'] with j' = 0..L-1 in window order:
 * <pre>
 *   q = x_L Wq,  k_j = x_j Wk,  v_j = x_j Wv,  alpha = softmax_j(q . k_j / sqrt(D)),  o = sum_j alpha_j v_j
 * </pre>
 * Projections are linear, so E Wk, E Wv, P Wk and P Wv are computed once per model and a position
 * costs O(D) instead of O(D^2): k_j = (E Wk)[i_j] + (P Wk)[j'].
 */
final class SoftmaxAttention {
    private final int d;
    private final int maxLen;
    private final float[] itemEmb;
    private final float[] pos;
    /** Wq [D][D] as rows. */
    private final float[][] wq;
    /** [D][N] (E Wk) transposed; [N][D] E Wv (rows: the mixing loop vectorises). */
    private final float[][] itemKeysT;
    private final float[][] itemValues;
    /** [D][maxLen] (P Wk) transposed; [maxLen][D] P Wv. */
    private final float[][] posKeysT;
    private final float[][] posValues;

    SoftmaxAttention(LisaModel model) {
        this.d = model.config().dim();
        this.maxLen = model.config().maxLen();
        this.itemEmb = model.floats(TensorSpec.ITEM_EMB);
        this.pos = model.floats(TensorSpec.POS);
        this.wq = Linear.rows(model.floats(TensorSpec.W_Q), 0, d, d);
        float[] wk = model.floats(TensorSpec.W_K);
        float[] wv = model.floats(TensorSpec.W_V);
        int n = model.config().numItems();
        this.itemKeysT = transpose(project(itemEmb, n, wk), n);
        this.itemValues = Linear.rows(project(itemEmb, n, wv), 0, n, d);
        this.posKeysT = transpose(project(pos, maxLen, wk), maxLen);
        this.posValues = Linear.rows(project(pos, maxLen, wv), 0, maxLen, d);
    }

    private float[] project(float[] rows, int count, float[] m) {
        float[] out = new float[count * d];
        float[] row = new float[d];
        float[] acc = new float[d];
        for (int r = 0; r < count; r++) {
            System.arraycopy(rows, r * d, row, 0, d);
            java.util.Arrays.fill(acc, 0f);
            Linear.accumulate(row, m, d, acc);
            System.arraycopy(acc, 0, out, r * d, d);
        }
        return out;
    }

    /** [D][rows] transpose of a row-major [rows, D] matrix. */
    private float[][] transpose(float[] m, int rows) {
        float[][] t = new float[d][rows];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < d; i++) {
                t[i][r] = m[r * d + i];
            }
        }
        return t;
    }

    /** Window length for a history of t items. */
    int windowLength(int t) {
        return Math.min(t, maxLen);
    }

    /**
     * Writes x (the newest position's input) and o (attention output) for the window
     * history[from .. from+len), len = min(t, maxLen), newest last.
     */
    void attend(int[] history, int from, int len, float[] x, float[] o) {
        int newest = history[from + len - 1];
        for (int i = 0; i < d; i++) {
            x[i] = itemEmb[newest * d + i] + pos[(len - 1) * d + i];
        }
        float[] q = new float[d];
        Linear.accumulate(x, wq, q);
        float invSqrtD = (float) (1.0 / Math.sqrt(d));
        // logits q . k_j as two dot products per position (item part, position part), each summed
        // over i in order; computed for all j at once from the transposed key tables
        float[] itemPart = new float[len];
        float[] posPart = new float[len];
        for (int i = 0; i < d; i++) {
            float qi = q[i];
            float[] kt = itemKeysT[i];
            float[] pt = posKeysT[i];
            for (int j = 0; j < len; j++) {
                itemPart[j] += qi * kt[history[from + j]];
            }
            for (int j = 0; j < len; j++) {
                posPart[j] += qi * pt[j];
            }
        }
        float[] logits = itemPart;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            float s = (itemPart[j] + posPart[j]) * invSqrtD;
            logits[j] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int j = 0; j < len; j++) {
            float e = (float) Math.exp(logits[j] - max);
            logits[j] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        java.util.Arrays.fill(o, 0f);
        for (int j = 0; j < len; j++) {
            float a = logits[j] * inv;
            float[] iv = itemValues[history[from + j]];
            float[] pv = posValues[j];
            for (int i = 0; i < d; i++) {
                o[i] += a * (iv[i] + pv[i]);
            }
        }
    }
}

package io.lisastream.bench.attention;

import io.lisastream.bench.kernel.FastExp;
import io.lisastream.bench.kernel.Gemm;

/**
 * Vanilla causal softmax attention (one head, SASRec's block) the way the LISA paper's baseline
 * computes it: the whole L x L score matrix is materialised,
 * <pre>
 *   Q = X Wq, K = X Wk, V = X Wv;   S = Q K^T / sqrt(D) (entries j > i masked);   P = softmax_rows(S);   O = P V
 * </pre>
 * Done well on a CPU: only the causal lower triangle is computed (in column tiles of K^T that stay in
 * L2), two rows at a time, the softmax is max-subtracted, in place and uses {@link FastExp}, and P V
 * runs in (row block x key tile) order so the tile of V stays cached. Same vectorised row products
 * as LISA's kernel.
 */
public final class MaterialisedSoftmaxAttention {
    private static final int COLUMN_TILE = 512;
    private static final int ROW_BLOCK = 64;
    private static final int KEY_TILE = 256;

    private final float[][] wq;
    private final float[][] wk;
    private final float[][] wv;
    private final int d;

    /** @param wq, wk, wv [D][D] */
    public MaterialisedSoftmaxAttention(float[][] wq, float[][] wk, float[][] wv) {
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
        this.d = wq.length;
    }

    /** O [L][D] for inputs X [L][D]. */
    public float[][] forward(float[][] x) {
        int length = x.length;
        float[][] q = SoftmaxProjections.project(x, wq);
        float[][] v = SoftmaxProjections.project(x, wv);
        float[][] kT = SoftmaxProjections.keysTransposed(x, wk);
        float[][] s = new float[length][length];
        for (int j0 = 0; j0 < length; j0 += COLUMN_TILE) {
            int i = j0;
            for (; i + 1 < length; i += 2) {
                // row i also gets column i+1 (masked by the softmax)
                Gemm.rowPair(q[i], q[i + 1], kT, 0, s[i], s[i + 1], 0, d, j0, Math.min(j0 + COLUMN_TILE, i + 2));
            }
            if (i < length) {
                Gemm.row(q[i], kT, 0, s[i], 0, d, j0, Math.min(j0 + COLUMN_TILE, i + 1));
            }
        }
        float scale = (float) (1.0 / Math.sqrt(d));
        for (int i = 0; i < length; i++) {
            softmaxInPlace(s[i], i + 1, scale);
        }
        float[][] out = new float[length][d];
        for (int i0 = 0; i0 < length; i0 += ROW_BLOCK) {
            int i1 = Math.min(i0 + ROW_BLOCK, length);
            for (int p0 = 0; p0 < i1; p0 += KEY_TILE) {
                int i = Math.max(i0, p0);
                for (; i + 1 < i1; i += 2) {
                    // P[i][i+1] is 0
                    Gemm.rowPair(s[i], s[i + 1], v, 0, out[i], out[i + 1], p0, Math.min(p0 + KEY_TILE, i + 2), 0, d);
                }
                if (i < i1) {
                    Gemm.row(s[i], v, 0, out[i], p0, Math.min(p0 + KEY_TILE, i + 1), 0, d);
                }
            }
        }
        return out;
    }

    /** row[0..n) <- softmax(row[0..n) * scale), max subtracted first; row[n] (if any) is set to 0. */
    static void softmaxInPlace(float[] row, int n, float scale) {
        if (n < row.length) {
            row[n] = 0f;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, row[j]);
        }
        float sum = 0f;
        for (int j = 0; j < n; j++) {
            float e = FastExp.exp((row[j] - max) * scale);
            row[j] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int j = 0; j < n; j++) {
            row[j] *= inv;
        }
    }
}

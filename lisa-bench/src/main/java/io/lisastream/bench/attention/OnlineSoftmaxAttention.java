package io.lisastream.bench.attention;

import io.lisastream.bench.kernel.FastExp;
import io.lisastream.bench.kernel.Gemm;

/**
 * Vanilla causal softmax attention without the L x L matrix (the memory-efficient formulation of
 * FlashAttention-style kernels): for each block of 64 queries, the keys are visited in blocks of
 * 256 with a running row maximum m and normaliser l,
 * <pre>
 *   m' = max(m, max_j s_ij);  l' = l e^(m - m') + sum_j e^(s_ij - m');  o' = o e^(m - m') + sum_j e^(s_ij - m') v_j
 * </pre>
 * and o / l at the end. Same arithmetic as {@link MaterialisedSoftmaxAttention}, memory O(L D + 64 x 256).
 */
public final class OnlineSoftmaxAttention {
    private static final int QUERY_BLOCK = 64;
    private static final int KEY_BLOCK = 256;

    private final float[][] wq;
    private final float[][] wk;
    private final float[][] wv;
    private final int d;

    /** @param wq, wk, wv [D][D] */
    public OnlineSoftmaxAttention(float[][] wq, float[][] wk, float[][] wv) {
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
        float[][][] kT = SoftmaxProjections.keysTransposedBlocks(x, wk, KEY_BLOCK);
        float[][] out = new float[length][d];
        float[][] scores = new float[QUERY_BLOCK][KEY_BLOCK];
        float[] runningMax = new float[QUERY_BLOCK];
        float[] runningSum = new float[QUERY_BLOCK];
        float scale = (float) (1.0 / Math.sqrt(d));
        for (int i0 = 0; i0 < length; i0 += QUERY_BLOCK) {
            int i1 = Math.min(i0 + QUERY_BLOCK, length);
            java.util.Arrays.fill(runningMax, Float.NEGATIVE_INFINITY);
            java.util.Arrays.fill(runningSum, 0f);
            for (int kb = 0; kb * KEY_BLOCK < i1; kb++) {
                int p0 = kb * KEY_BLOCK;
                for (int i = Math.max(i0, p0); i < i1; i += 2) {
                    boolean pair = i + 1 < i1;
                    int n = Math.min(KEY_BLOCK, i + 1 - p0);
                    int nPair = pair ? Math.min(KEY_BLOCK, i + 2 - p0) : n;
                    float[] s0 = scores[i - i0];
                    java.util.Arrays.fill(s0, 0, nPair, 0f);
                    if (pair) {
                        float[] s1 = scores[i + 1 - i0];
                        java.util.Arrays.fill(s1, 0, nPair, 0f);
                        Gemm.rowPair(q[i], q[i + 1], kT[kb], 0, s0, s1, 0, d, 0, nPair);
                        update(s0, n, nPair, scale, i - i0, runningMax, runningSum, out[i]);
                        update(s1, nPair, nPair, scale, i + 1 - i0, runningMax, runningSum, out[i + 1]);
                        Gemm.rowPair(s0, s1, v, p0, out[i], out[i + 1], 0, nPair, 0, d);
                    } else {
                        Gemm.row(q[i], kT[kb], 0, s0, 0, d, 0, n);
                        update(s0, n, n, scale, i - i0, runningMax, runningSum, out[i]);
                        Gemm.row(s0, v, p0, out[i], 0, n, 0, d);
                    }
                }
            }
            for (int i = i0; i < i1; i++) {
                float inv = 1f / runningSum[i - i0];
                float[] o = out[i];
                for (int c = 0; c < d; c++) {
                    o[c] *= inv;
                }
            }
        }
        return out;
    }

    /**
     * Online-softmax step of one row: scores s[0..n) (unscaled) become e^(s*scale - m'), s[n..nTotal)
     * is zeroed (keys beyond the row's causal limit), the row's running max and sum move to m', and
     * its output is rescaled by e^(m - m').
     */
    private void update(float[] s, int n, int nTotal, float scale, int r, float[] runningMax, float[] runningSum,
            float[] o) {
        float blockMax = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            s[j] *= scale;
            blockMax = Math.max(blockMax, s[j]);
        }
        float newMax = Math.max(runningMax[r], blockMax);
        float correction = FastExp.exp(runningMax[r] - newMax);
        float sum = 0f;
        for (int j = 0; j < n; j++) {
            float e = FastExp.exp(s[j] - newMax);
            s[j] = e;
            sum += e;
        }
        for (int j = n; j < nTotal; j++) {
            s[j] = 0f;
        }
        runningSum[r] = runningSum[r] * correction + sum;
        runningMax[r] = newMax;
        if (correction != 1f) {
            for (int c = 0; c < d; c++) {
                o[c] *= correction;
            }
        }
    }
}

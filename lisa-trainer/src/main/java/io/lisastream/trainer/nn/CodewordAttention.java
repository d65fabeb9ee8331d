package io.lisastream.trainer.nn;

import java.util.stream.IntStream;

/**
 * LISA's attention for every position of a batch: codebook b is one head that attends over its W
 * codewords, weighted by the position's histogram h (heads summed, no output projection):
 * <pre>
 *   T_b[q][w]  = (C_b[q] Wq_b) . (C_b[w] Wk_b) / sqrt(D)            [B, W, W], once per step
 *   alpha_b[w] = h_b[w] exp(T_b[q_b][w] - m) / sum_w' h_b[w'] exp(T_b[q_b][w'] - m),  m = max_w T_b[q_b][w]
 *   o          = sum_b sum_w alpha_b[w] (C_b[w] Wv_b)  = alpha [P, B*W] . V [B*W, D]
 * </pre>
 * q_b is the position's own code (a discrete index: no gradient flows through the choice of the
 * row, as in the reference implementation). Shapes: h, alpha [P, B*W]; codes [P, B]; C [B, W, D];
 * Wq, Wk, Wv [B, D, D]; o [P, D].
 */
public final class CodewordAttention {
    private final Param codebooks;
    private final Param wq;
    private final Param wk;
    private final Param wv;
    private final int b;
    private final int w;
    private final int d;
    private final float invSqrtD;

    // cache
    private int p;
    private int[] qcodes;
    private float[] queries; // [B, W, D] C_b Wq_b
    private float[] keys;    // [B, W, D]
    private float[] values;  // [B*W, D]
    private float[] expT;    // [B, W, W] exp(T - rowmax)
    private float[] alpha;   // [P, B*W]
    private float[] z;       // [P, B] normaliser

    public CodewordAttention(Param codebooks, Param wq, Param wk, Param wv, int b, int w, int d) {
        this.codebooks = codebooks;
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
        this.b = b;
        this.w = w;
        this.d = d;
        this.invSqrtD = (float) (1.0 / Math.sqrt(d));
    }

    public float[] forward(float[] h, int[] qcodes, int p) {
        this.p = p;
        this.qcodes = qcodes;
        queries = new float[b * w * d];
        keys = new float[b * w * d];
        values = new float[b * w * d];
        expT = new float[b * w * w];
        float[] cb = new float[w * d];
        float[] wm = new float[d * d];
        float[] tmp = new float[w * d];
        float[] t = new float[w * w];
        for (int k = 0; k < b; k++) {
            System.arraycopy(codebooks.value, k * w * d, cb, 0, w * d);
            project(cb, wq, k, wm, tmp, queries);
            project(cb, wk, k, wm, tmp, keys);
            project(cb, wv, k, wm, tmp, values);
            float[] qk = slice(queries, k * w * d, w * d);
            float[] kk = slice(keys, k * w * d, w * d);
            Blas.gemm(false, true, w, w, d, invSqrtD, qk, kk, 0f, t);
            for (int q = 0; q < w; q++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < w; j++) {
                    max = Math.max(max, t[q * w + j]);
                }
                for (int j = 0; j < w; j++) {
                    expT[(k * w + q) * w + j] = (float) Math.exp(t[q * w + j] - max);
                }
            }
        }
        int bw = b * w;
        alpha = new float[p * bw];
        z = new float[p * b];
        IntStream.range(0, p).parallel().forEach(i -> {
            for (int k = 0; k < b; k++) {
                int row = (k * w + qcodes[i * b + k]) * w;
                int off = i * bw + k * w;
                double sum = 0;
                for (int j = 0; j < w; j++) {
                    float u = h[off + j] * expT[row + j];
                    alpha[off + j] = u;
                    sum += u;
                }
                float zz = (float) sum;
                z[i * b + k] = zz;
                float inv = zz > 0 ? 1f / zz : 0f;
                for (int j = 0; j < w; j++) {
                    alpha[off + j] *= inv;
                }
            }
        });
        float[] o = new float[p * d];
        Blas.mm(alpha, values, o, p, bw, d);
        return o;
    }

    /**
     * @param gO d loss / d o [P, D]
     * @return d loss / d h [P, B*W]; gradients of C, Wq, Wk, Wv are accumulated
     */
    public float[] backward(float[] gO) {
        int bw = b * w;
        float[] gAlpha = new float[p * bw];
        Blas.gemm(false, true, p, bw, d, 1f, gO, values, 0f, gAlpha);
        float[] gValues = new float[bw * d];
        Blas.gemm(true, false, bw, d, p, 1f, alpha, gO, 0f, gValues);
        // fused: softmax backward to the logit table rows, and to the histogram (in place in gAlpha)
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        float[][] gT = new float[threads][];
        IntStream.range(0, threads).parallel().forEach(th -> {
            float[] acc = new float[b * w * w];
            for (int i = th; i < p; i += threads) {
                for (int k = 0; k < b; k++) {
                    int row = (k * w + qcodes[i * b + k]) * w;
                    int off = i * bw + k * w;
                    double dot = 0;
                    for (int j = 0; j < w; j++) {
                        dot += alpha[off + j] * gAlpha[off + j];
                    }
                    float zz = z[i * b + k];
                    float invZ = zz > 0 ? 1f / zz : 0f;
                    float dt = (float) dot;
                    for (int j = 0; j < w; j++) {
                        float g = gAlpha[off + j] - dt;
                        acc[row + j] += alpha[off + j] * g;
                        gAlpha[off + j] = expT[row + j] * invZ * g;
                    }
                }
            }
            gT[th] = acc;
        });
        float[] gTable = gT[0];
        for (int th = 1; th < threads; th++) {
            for (int i = 0; i < gTable.length; i++) {
                gTable[i] += gT[th][i];
            }
        }
        // T_b = Q_b K_b^T / sqrt(D): gQ_b = gT_b K_b / sqrt(D), gK_b = gT_b^T Q_b / sqrt(D)
        float[] cb = new float[w * d];
        float[] gt = new float[w * w];
        float[] gq = new float[w * d];
        float[] gk = new float[w * d];
        float[] gv = new float[w * d];
        float[] gc = new float[w * d];
        for (int k = 0; k < b; k++) {
            System.arraycopy(codebooks.value, k * w * d, cb, 0, w * d);
            System.arraycopy(gTable, k * w * w, gt, 0, w * w);
            float[] qk = slice(queries, k * w * d, w * d);
            float[] kk = slice(keys, k * w * d, w * d);
            Blas.gemm(false, false, w, d, w, invSqrtD, gt, kk, 0f, gq);
            Blas.gemm(true, false, w, d, w, invSqrtD, gt, qk, 0f, gk);
            System.arraycopy(gValues, k * w * d, gv, 0, w * d);
            // P_b = C_b W_b: gW_b += C_b^T gP_b; gC_b += gP_b W_b^T
            java.util.Arrays.fill(gc, 0f);
            projectBackward(cb, wq, k, gq, gc);
            projectBackward(cb, wk, k, gk, gc);
            projectBackward(cb, wv, k, gv, gc);
            int off = k * w * d;
            for (int i = 0; i < w * d; i++) {
                codebooks.grad[off + i] += gc[i];
            }
        }
        return gAlpha;
    }

    /** Attention weights [P, B*W] of the last forward. */
    public float[] alpha() {
        return alpha;
    }

    private void project(float[] cb, Param m, int k, float[] wm, float[] tmp, float[] out) {
        System.arraycopy(m.value, k * d * d, wm, 0, d * d);
        Blas.mm(cb, wm, tmp, w, d, d);
        System.arraycopy(tmp, 0, out, k * w * d, w * d);
    }

    private void projectBackward(float[] cb, Param m, int k, float[] gp, float[] gc) {
        float[] wm = slice(m.value, k * d * d, d * d);
        float[] gw = new float[d * d];
        Blas.gemm(true, false, d, d, w, 1f, cb, gp, 0f, gw);
        int off = k * d * d;
        for (int i = 0; i < d * d; i++) {
            m.grad[off + i] += gw[i];
        }
        Blas.gemm(false, true, w, d, d, 1f, gp, wm, 1f, gc);
    }

    private static float[] slice(float[] a, int off, int len) {
        float[] out = new float[len];
        System.arraycopy(a, off, out, 0, len);
        return out;
    }
}

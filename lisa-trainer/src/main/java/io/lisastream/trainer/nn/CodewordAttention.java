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
        float[] t = new float[w * w];
        for (int k = 0; k < b; k++) {
            float[] cb = CodewordProjection.slice(codebooks.value, k * w * d, w * d);
            float[] qk = CodewordProjection.forward(cb, wq, k, w, d);
            float[] kk = CodewordProjection.forward(cb, wk, k, w, d);
            System.arraycopy(qk, 0, queries, k * w * d, w * d);
            System.arraycopy(kk, 0, keys, k * w * d, w * d);
            System.arraycopy(CodewordProjection.forward(cb, wv, k, w, d), 0, values, k * w * d, w * d);
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
                z[i * b + k] = HistogramSoftmax.forward(h, expT, row, alpha, i * bw + k * w, w);
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
                    HistogramSoftmax.backward(alpha, gAlpha, i * bw + k * w, expT, row, z[i * b + k], acc, row, w);
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
        float[] gq = new float[w * d];
        float[] gk = new float[w * d];
        for (int k = 0; k < b; k++) {
            float[] cb = CodewordProjection.slice(codebooks.value, k * w * d, w * d);
            float[] gt = CodewordProjection.slice(gTable, k * w * w, w * w);
            float[] qk = CodewordProjection.slice(queries, k * w * d, w * d);
            float[] kk = CodewordProjection.slice(keys, k * w * d, w * d);
            Blas.gemm(false, false, w, d, w, invSqrtD, gt, kk, 0f, gq);
            Blas.gemm(true, false, w, d, w, invSqrtD, gt, qk, 0f, gk);
            float[] gv = CodewordProjection.slice(gValues, k * w * d, w * d);
            float[] gc = new float[w * d];
            CodewordProjection.backward(cb, wq, k, gq, gc, w, d);
            CodewordProjection.backward(cb, wk, k, gk, gc, w, d);
            CodewordProjection.backward(cb, wv, k, gv, gc, w, d);
            CodewordProjection.addInto(codebooks.grad, k * w * d, gc);
        }
        return gAlpha;
    }

    /** Attention weights [P, B*W] of the last forward. */
    public float[] alpha() {
        return alpha;
    }
}

package io.lisastream.trainer.nn;

import java.util.stream.IntStream;

/**
 * Codeword attention queried by a continuous vector x instead of the item's own codes (this
 * project's extension): for a LISA block k >= 1, x is the previous block's output (a vector of the
 * whole context) over the first block's codeword memory and histogram h; for the first block with
 * query INPUT, x is the block's input (item + position). Per
 * codebook b (one head), with block k's own projections:
 * <pre>
 *   M_b        = Wq_b (C_b Wk_b)^T / sqrt(D)                         [D, W], once per step
 *   s_b[w]     = x . M_b[:, w]
 *   alpha_b[w] = h_b[w] exp(s_b[w] - m) / sum_w' h_b[w'] exp(s_b[w'] - m),  m = max_w s_b[w]
 *   o          = sum_b sum_w alpha_b[w] (C_b[w] Wv_b)
 * </pre>
 * Online this costs O(B W D) per event, like the first block's values, and needs no state but the
 * first block's histogram. Shapes: x, o [P, D]; h, alpha [P, B*W]; C [B, W, D]; Wq, Wk, Wv [B, D, D].
 */
public final class ContextCodewordAttention {
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
    private float[] x;
    private float[] keys;    // [B*W, D] C_b Wk_b
    private float[] values;  // [B*W, D] C_b Wv_b
    private float[] m;       // [D, B*W] M_b side by side
    private float[] e;       // [P, B*W] exp(s - max)
    private float[] alpha;   // [P, B*W]
    private float[] z;       // [P, B] normaliser sum_w h e

    public ContextCodewordAttention(Param codebooks, Param wq, Param wk, Param wv, int b, int w, int d) {
        this.codebooks = codebooks;
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
        this.b = b;
        this.w = w;
        this.d = d;
        this.invSqrtD = (float) (1.0 / Math.sqrt(d));
    }

    /** o [P, D] for queries x [P, D] over histograms h [P, B*W] (x and h are kept, not copied). */
    public float[] forward(float[] x, float[] h, int p) {
        this.p = p;
        this.x = x;
        int bw = b * w;
        keys = new float[bw * d];
        values = new float[bw * d];
        m = new float[d * bw];
        float[] mb = new float[d * w];
        for (int k = 0; k < b; k++) {
            float[] cb = CodewordProjection.slice(codebooks.value, k * w * d, w * d);
            float[] kk = CodewordProjection.forward(cb, wk, k, w, d);
            System.arraycopy(kk, 0, keys, k * w * d, w * d);
            System.arraycopy(CodewordProjection.forward(cb, wv, k, w, d), 0, values, k * w * d, w * d);
            float[] q = CodewordProjection.slice(wq.value, k * d * d, d * d);
            Blas.gemm(false, true, d, w, d, invSqrtD, q, kk, 0f, mb);
            for (int r = 0; r < d; r++) {
                System.arraycopy(mb, r * w, m, r * bw + k * w, w);
            }
        }
        float[] s = new float[p * bw];
        Blas.mm(x, m, s, p, d, bw);
        e = s; // exponentiated in place below
        alpha = new float[p * bw];
        z = new float[p * b];
        IntStream.range(0, p).parallel().forEach(i -> {
            for (int k = 0; k < b; k++) {
                int off = i * bw + k * w;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < w; j++) {
                    max = Math.max(max, e[off + j]);
                }
                for (int j = 0; j < w; j++) {
                    e[off + j] = (float) Math.exp(e[off + j] - max);
                }
                z[i * b + k] = HistogramSoftmax.forward(h, e, off, alpha, off, w);
            }
        });
        float[] o = new float[p * d];
        Blas.mm(alpha, values, o, p, bw, d);
        return o;
    }

    /**
     * @param gO d loss / d o [P, D]
     * @return {d loss / d x [P, D], d loss / d h [P, B*W]}; gradients of C, Wq, Wk, Wv are accumulated
     */
    public float[][] backward(float[] gO) {
        int bw = b * w;
        float[] gAlpha = new float[p * bw];
        Blas.gemm(false, true, p, bw, d, 1f, gO, values, 0f, gAlpha);
        float[] gValues = new float[bw * d];
        Blas.gemm(true, false, bw, d, p, 1f, alpha, gO, 0f, gValues);
        float[] gS = new float[p * bw];
        float[] gH = gAlpha; // overwritten in place
        IntStream.range(0, p).parallel().forEach(i -> {
            for (int k = 0; k < b; k++) {
                int off = i * bw + k * w;
                HistogramSoftmax.backward(alpha, gH, off, e, off, z[i * b + k], gS, off, w);
            }
        });
        float[] gX = new float[p * d];
        Blas.gemm(false, true, p, d, bw, 1f, gS, m, 0f, gX);
        float[] gM = new float[d * bw];
        Blas.gemm(true, false, d, bw, p, 1f, x, gS, 0f, gM);
        // M_b = Wq_b K_b^T / sqrt(D): gWq_b = gM_b K_b / sqrt(D), gK_b = gM_b^T Wq_b / sqrt(D);
        // then K_b = C_b Wk_b and V_b = C_b Wv_b back to Wk, Wv and the codebooks
        float[] gmb = new float[d * w];
        float[] gq = new float[d * d];
        float[] gk = new float[w * d];
        for (int k = 0; k < b; k++) {
            for (int r = 0; r < d; r++) {
                System.arraycopy(gM, r * bw + k * w, gmb, r * w, w);
            }
            float[] kb = CodewordProjection.slice(keys, k * w * d, w * d);
            Blas.gemm(false, false, d, d, w, invSqrtD, gmb, kb, 0f, gq);
            CodewordProjection.addInto(wq.grad, k * d * d, gq);
            Blas.gemm(true, false, w, d, d, invSqrtD, gmb, CodewordProjection.slice(wq.value, k * d * d, d * d), 0f,
                    gk);
            float[] cb = CodewordProjection.slice(codebooks.value, k * w * d, w * d);
            float[] gc = new float[w * d];
            CodewordProjection.backward(cb, wk, k, gk, gc, w, d);
            CodewordProjection.backward(cb, wv, k, CodewordProjection.slice(gValues, k * w * d, w * d), gc, w, d);
            CodewordProjection.addInto(codebooks.grad, k * w * d, gc);
        }
        return new float[][] {gX, gH};
    }
}

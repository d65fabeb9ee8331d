package io.lisastream.trainer.nn;

import java.util.stream.IntStream;

/**
 * The attention of a LISA block k >= 1 (this project's extension): the same codeword memory and the
 * same histogram h as the first block, but the query of every position is the previous block's
 * output x (a continuous vector of the whole context) instead of the item's own codes. Per
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
        float[] cb = new float[w * d];
        float[] proj = new float[d * d];
        float[] tmp = new float[w * d];
        float[] mb = new float[d * w];
        for (int k = 0; k < b; k++) {
            System.arraycopy(codebooks.value, k * w * d, cb, 0, w * d);
            System.arraycopy(wk.value, k * d * d, proj, 0, d * d);
            Blas.mm(cb, proj, tmp, w, d, d);
            System.arraycopy(tmp, 0, keys, k * w * d, w * d);
            System.arraycopy(wv.value, k * d * d, proj, 0, d * d);
            Blas.mm(cb, proj, tmp, w, d, d);
            System.arraycopy(tmp, 0, values, k * w * d, w * d);
            System.arraycopy(wq.value, k * d * d, proj, 0, d * d);
            System.arraycopy(keys, k * w * d, tmp, 0, w * d);
            Blas.gemm(false, true, d, w, d, invSqrtD, proj, tmp, 0f, mb);
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
                double sum = 0;
                for (int j = 0; j < w; j++) {
                    float ej = (float) Math.exp(e[off + j] - max);
                    e[off + j] = ej;
                    alpha[off + j] = h[off + j] * ej;
                    sum += alpha[off + j];
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
     * @return {d loss / d x [P, D], d loss / d h [P, B*W]}; gradients of C, Wq, Wk, Wv are accumulated
     */
    public float[][] backward(float[] gO) {
        int bw = b * w;
        float[] gAlpha = new float[p * bw];
        Blas.gemm(false, true, p, bw, d, 1f, gO, values, 0f, gAlpha);
        float[] gValues = new float[bw * d];
        Blas.gemm(true, false, bw, d, p, 1f, alpha, gO, 0f, gValues);
        // softmax backward: gS = alpha (gAlpha - <alpha, gAlpha>), gH = e / Z (gAlpha - <alpha, gAlpha>)
        float[] gS = new float[p * bw];
        float[] gH = gAlpha; // overwritten in place
        IntStream.range(0, p).parallel().forEach(i -> {
            for (int k = 0; k < b; k++) {
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
                    gS[off + j] = alpha[off + j] * g;
                    gH[off + j] = e[off + j] * invZ * g;
                }
            }
        });
        float[] gX = new float[p * d];
        Blas.gemm(false, true, p, d, bw, 1f, gS, m, 0f, gX);
        float[] gM = new float[d * bw];
        Blas.gemm(true, false, d, bw, p, 1f, x, gS, 0f, gM);
        // M_b = Wq_b K_b^T / sqrt(D): gWq_b = gM_b K_b / sqrt(D), gK_b = gM_b^T Wq_b / sqrt(D);
        // K_b = C_b Wk_b and V_b = C_b Wv_b: gW += C_b^T gK (gV), gC_b += gK Wk_b^T + gV Wv_b^T
        float[] cb = new float[w * d];
        float[] gmb = new float[d * w];
        float[] kb = new float[w * d];
        float[] proj = new float[d * d];
        float[] gProj = new float[d * d];
        float[] gk = new float[w * d];
        float[] gv = new float[w * d];
        float[] gc = new float[w * d];
        for (int k = 0; k < b; k++) {
            for (int r = 0; r < d; r++) {
                System.arraycopy(gM, r * bw + k * w, gmb, r * w, w);
            }
            System.arraycopy(codebooks.value, k * w * d, cb, 0, w * d);
            System.arraycopy(keys, k * w * d, kb, 0, w * d);
            System.arraycopy(wq.value, k * d * d, proj, 0, d * d);
            Blas.gemm(false, false, d, d, w, invSqrtD, gmb, kb, 0f, gProj);
            accumulate(wq.grad, k * d * d, gProj);
            Blas.gemm(true, false, w, d, d, invSqrtD, gmb, proj, 0f, gk);
            System.arraycopy(gValues, k * w * d, gv, 0, w * d);
            Blas.gemm(true, false, d, d, w, 1f, cb, gk, 0f, gProj);
            accumulate(wk.grad, k * d * d, gProj);
            Blas.gemm(true, false, d, d, w, 1f, cb, gv, 0f, gProj);
            accumulate(wv.grad, k * d * d, gProj);
            System.arraycopy(wk.value, k * d * d, proj, 0, d * d);
            Blas.gemm(false, true, w, d, d, 1f, gk, proj, 0f, gc);
            System.arraycopy(wv.value, k * d * d, proj, 0, d * d);
            Blas.gemm(false, true, w, d, d, 1f, gv, proj, 1f, gc);
            accumulate(codebooks.grad, k * w * d, gc);
        }
        return new float[][] {gX, gH};
    }

    private static void accumulate(float[] grad, int off, float[] g) {
        for (int i = 0; i < g.length; i++) {
            grad[off + i] += g[i];
        }
    }
}

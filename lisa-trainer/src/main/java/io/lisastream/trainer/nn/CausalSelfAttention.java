package io.lisastream.trainer.nn;

/**
 * The baseline's single-head causal softmax attention over the items of each sequence:
 * <pre>
 *   Q = X Wq, K = X Wk, V = X Wv;  A_s = softmax_causal(Q_s K_s^T / sqrt(D));  O_s = A_s V_s
 * </pre>
 * Shapes: X, O [P, D] time-major (p = t * batch + s); Wq, Wk, Wv [1, D, D] (the contract's
 * layout), or for a LISA window block the first [D, D] of its [B, D, D] (head 0). With a window W',
 * position i attends only to the last W' positions (i - W' + 1 .. i), still causally. Padding positions (t >= len_s) come after a sequence's items, so causality alone keeps
 * them out of every real position; their output is zero.
 */
public final class CausalSelfAttention {
    private final Param wq;
    private final Param wk;
    private final Param wv;
    private final int d;
    private final float invSqrtD;
    /** Position i attends to j in [i - window + 1, i]; 0 = every earlier position. */
    private final int window;

    private float[] x;
    private float[] q;
    private float[] k;
    private float[] v;
    private float[][] attn; // per sequence [l, l]
    private int[] lengths;
    private int batch;
    private int p;

    public CausalSelfAttention(Param wq, Param wk, Param wv, int d) {
        this(wq, wk, wv, d, 0);
    }

    public CausalSelfAttention(Param wq, Param wk, Param wv, int d, int window) {
        this.window = window;
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
        this.d = d;
        this.invSqrtD = (float) (1.0 / Math.sqrt(d));
    }

    public float[] forward(float[] x, int[] lengths, int len, int batch) {
        this.x = x;
        this.lengths = lengths;
        this.batch = batch;
        this.p = len * batch;
        q = new float[p * d];
        k = new float[p * d];
        v = new float[p * d];
        Blas.mm(x, wq.value, q, p, d, d);
        Blas.mm(x, wk.value, k, p, d, d);
        Blas.mm(x, wv.value, v, p, d, d);
        attn = new float[batch][];
        float[] o = new float[p * d];
        for (int s = 0; s < batch; s++) {
            int l = lengths[s];
            if (l == 0) {
                continue;
            }
            float[] qs = gather(q, s, l);
            float[] ks = gather(k, s, l);
            float[] vs = gather(v, s, l);
            float[] a = new float[l * l];
            Blas.gemm(false, true, l, l, d, invSqrtD, qs, ks, 0f, a);
            for (int i = 0; i < l; i++) {
                int row = i * l;
                int from = window > 0 ? Math.max(0, i - window + 1) : 0;
                for (int j = 0; j < from; j++) {
                    a[row + j] = 0f;
                }
                float max = Float.NEGATIVE_INFINITY;
                for (int j = from; j <= i; j++) {
                    max = Math.max(max, a[row + j]);
                }
                double sum = 0;
                for (int j = from; j <= i; j++) {
                    float e = (float) Math.exp(a[row + j] - max);
                    a[row + j] = e;
                    sum += e;
                }
                float inv = (float) (1.0 / sum);
                for (int j = from; j <= i; j++) {
                    a[row + j] *= inv;
                }
                for (int j = i + 1; j < l; j++) {
                    a[row + j] = 0f;
                }
            }
            attn[s] = a;
            float[] os = new float[l * d];
            Blas.mm(a, vs, os, l, l, d);
            scatter(os, o, s, l);
        }
        return o;
    }

    /** @return d loss / d X [P, D]; gradients of Wq, Wk, Wv are accumulated. */
    public float[] backward(float[] gO) {
        float[] gq = new float[p * d];
        float[] gk = new float[p * d];
        float[] gv = new float[p * d];
        for (int s = 0; s < batch; s++) {
            int l = lengths[s];
            if (l == 0) {
                continue;
            }
            float[] a = attn[s];
            float[] gos = gather(gO, s, l);
            float[] qs = gather(q, s, l);
            float[] ks = gather(k, s, l);
            float[] vs = gather(v, s, l);
            float[] gvs = new float[l * d];
            Blas.gemm(true, false, l, d, l, 1f, a, gos, 0f, gvs);
            float[] ga = new float[l * l];
            Blas.gemm(false, true, l, l, d, 1f, gos, vs, 0f, ga);
            for (int i = 0; i < l; i++) {
                int row = i * l;
                double dot = 0;
                for (int j = 0; j <= i; j++) {
                    dot += a[row + j] * ga[row + j];
                }
                for (int j = 0; j <= i; j++) {
                    ga[row + j] = a[row + j] * (ga[row + j] - (float) dot) * invSqrtD;
                }
                for (int j = i + 1; j < l; j++) {
                    ga[row + j] = 0f;
                }
            }
            float[] gqs = new float[l * d];
            float[] gks = new float[l * d];
            Blas.mm(ga, ks, gqs, l, l, d);
            Blas.gemm(true, false, l, d, l, 1f, ga, qs, 0f, gks);
            scatter(gqs, gq, s, l);
            scatter(gks, gk, s, l);
            scatter(gvs, gv, s, l);
        }
        Blas.gemm(true, false, d, d, p, 1f, x, gq, 1f, wq.grad);
        Blas.gemm(true, false, d, d, p, 1f, x, gk, 1f, wk.grad);
        Blas.gemm(true, false, d, d, p, 1f, x, gv, 1f, wv.grad);
        float[] gx = new float[p * d];
        Blas.gemm(false, true, p, d, d, 1f, gq, wq.value, 0f, gx);
        Blas.gemm(false, true, p, d, d, 1f, gk, wk.value, 1f, gx);
        Blas.gemm(false, true, p, d, d, 1f, gv, wv.value, 1f, gx);
        return gx;
    }

    private float[] gather(float[] src, int s, int l) {
        float[] out = new float[l * d];
        for (int t = 0; t < l; t++) {
            System.arraycopy(src, (t * batch + s) * d, out, t * d, d);
        }
        return out;
    }

    private void scatter(float[] src, float[] dst, int s, int l) {
        for (int t = 0; t < l; t++) {
            System.arraycopy(src, t * d, dst, (t * batch + s) * d, d);
        }
    }
}

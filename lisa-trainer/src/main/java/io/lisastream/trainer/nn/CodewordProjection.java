package io.lisastream.trainer.nn;

/**
 * A LISA head's projection of its codebook, P_b = C_b M_b ([W, D] = [W, D] [D, D]), with M one of
 * a block's Wq, Wk, Wv [B, D, D], and its backward: gM_b += C_b^T gP_b, gC_b += gP_b M_b^T.
 */
final class CodewordProjection {
    private CodewordProjection() {
    }

    /** C_b M_b for the codebook {@code cb} [W, D] of head b. */
    static float[] forward(float[] cb, Param m, int b, int w, int d) {
        float[] out = new float[w * d];
        Blas.mm(cb, slice(m.value, b * d * d, d * d), out, w, d, d);
        return out;
    }

    /** Accumulates M_b's gradient and adds gP_b M_b^T into {@code gc} [W, D]. */
    static void backward(float[] cb, Param m, int b, float[] gp, float[] gc, int w, int d) {
        float[] gm = new float[d * d];
        Blas.gemm(true, false, d, d, w, 1f, cb, gp, 0f, gm);
        int off = b * d * d;
        addInto(m.grad, off, gm);
        Blas.gemm(false, true, w, d, d, 1f, gp, slice(m.value, off, d * d), 1f, gc);
    }

    /** a[off, off + g.length) += g (a head's slice of a gradient). */
    static void addInto(float[] a, int off, float[] g) {
        for (int i = 0; i < g.length; i++) {
            a[off + i] += g[i];
        }
    }

    static float[] slice(float[] a, int off, int len) {
        float[] out = new float[len];
        System.arraycopy(a, off, out, 0, len);
        return out;
    }
}

package io.lisastream.trainer.nn;

/**
 * Residual quantization of item embeddings with B codebooks of W codewords each, a bilinear
 * similarity and a temperature softmax (LISA, section "codeword histogram"):
 * <pre>
 *   res_0 = x;  for b = 0..B-1:
 *     sim_b  = (res_b M) C_b^T                     [n, W]   bilinear x^T M c
 *     p_b    = softmax(sim_b / tau)
 *     code_b = argmax sim_b
 *     a_b    = onehot(code_b) forward, gradient of p_b backward (straight-through)   (hard)
 *            = p_b                                                                   (soft)
 *     q_b    = a_b C_b;  res_{b+1} = res_b - q_b
 *   recon = sum_b q_b
 * </pre>
 * Shapes: x, recon [n, D]; codebooks C [B, W, D]; M [D, D]; assign [n, B*W]; codes [n, B].
 * The codebook tensor may be shared with the attention (it is passed in, not owned).
 */
public final class ResidualQuantizer {
    private final Param codebooks;
    private final Param bilinear;
    private final int b;
    private final int w;
    private final int d;
    private final float invTau;
    private final boolean hard;

    // cache of the last forward
    private int n;
    private float[][] res;    // [B][n*D]
    private float[][] resM;   // [B][n*D] res_b M
    private float[][] probs;  // [B][n*W]
    private float[] assign;   // [n*B*W]
    private int[] codes;      // [n*B]
    private float[] frozenOffset; // test hook: assign = p + offset (straight-through surrogate)
    private int[] fixedCodes;     // [N*B] kept codes (-1: free), for retraining in the same code space
    private float[] fixedSoft;    // [N*B*W] kept soft rows (lisa-soft), used where fixedCodes >= 0

    public ResidualQuantizer(Param codebooks, Param bilinear, int b, int w, int d, double temperature, boolean hard) {
        this.codebooks = codebooks;
        this.bilinear = bilinear;
        this.b = b;
        this.w = w;
        this.d = d;
        this.invTau = (float) (1.0 / temperature);
        this.hard = hard;
    }

    /** Result of a forward pass (arrays owned by the quantizer until the next forward). */
    public record Output(int[] codes, float[] assign, float[] recon) {
    }

    public Output forward(float[] x, int n) {
        this.n = n;
        res = new float[b][];
        resM = new float[b][];
        probs = new float[b][];
        assign = new float[n * b * w];
        codes = new int[n * b];
        float[] recon = new float[n * d];
        float[] cur = x.clone();
        float[] cb = new float[w * d];
        float[] ab = new float[n * w];
        float[] q = new float[n * d];
        for (int k = 0; k < b; k++) {
            res[k] = cur;
            float[] rm = new float[n * d];
            Blas.mm(cur, bilinear.value, rm, n, d, d);
            resM[k] = rm;
            System.arraycopy(codebooks.value, k * w * d, cb, 0, w * d);
            float[] sim = new float[n * w];
            Blas.gemm(false, true, n, w, d, 1f, rm, cb, 0f, sim);
            float[] p = new float[n * w];
            for (int i = 0; i < n; i++) {
                int off = i * w;
                int best = 0;
                float max = sim[off];
                for (int j = 1; j < w; j++) {
                    if (sim[off + j] > max) {
                        max = sim[off + j];
                        best = j;
                    }
                }
                boolean fixed = fixedCodes != null && fixedCodes[i * b + k] >= 0;
                if (fixed) {
                    best = fixedCodes[i * b + k];
                }
                codes[i * b + k] = best;
                double z = 0;
                for (int j = 0; j < w; j++) {
                    float e = (float) Math.exp((sim[off + j] - max) * invTau);
                    p[off + j] = e;
                    z += e;
                }
                float inv = (float) (1.0 / z);
                for (int j = 0; j < w; j++) {
                    p[off + j] *= inv;
                }
                int aOff = (i * b + k) * w;
                for (int j = 0; j < w; j++) {
                    float a;
                    if (fixed && !hard) {
                        a = fixedSoft[aOff + j];
                    } else if (!hard) {
                        a = p[off + j];
                    } else if (frozenOffset != null) {
                        a = p[off + j] + frozenOffset[aOff + j];
                    } else {
                        a = j == best ? 1f : 0f;
                    }
                    assign[aOff + j] = a;
                    ab[off + j] = a;
                }
            }
            probs[k] = p;
            Blas.mm(ab, cb, q, n, w, d);
            float[] next = new float[n * d];
            for (int i = 0; i < n * d; i++) {
                recon[i] += q[i];
                next[i] = cur[i] - q[i];
            }
            cur = next;
        }
        return new Output(codes, assign, recon);
    }

    /**
     * Backward of the last forward.
     *
     * @param gAssign gradient w.r.t. assign [n, B*W], or null
     * @param gRecon  gradient w.r.t. recon [n, D], or null
     * @return gradient w.r.t. x [n, D]; codebook and bilinear gradients are accumulated
     */
    public float[] backward(float[] gAssign, float[] gRecon) {
        float[] gRes = new float[n * d];          // d loss / d res_{k+1}, then res_k
        float[] cb = new float[w * d];
        float[] gCb = new float[w * d];
        float[] gq = new float[n * d];
        float[] gA = new float[n * w];
        float[] ab = new float[n * w];
        float[] gR = new float[n * d];
        float[] gResFromSim = new float[n * d];
        for (int k = b - 1; k >= 0; k--) {
            System.arraycopy(codebooks.value, k * w * d, cb, 0, w * d);
            for (int i = 0; i < n * d; i++) {
                gq[i] = (gRecon == null ? 0f : gRecon[i]) - gRes[i];
            }
            // gA = gAssign_k + gq C_b^T
            Blas.gemm(false, true, n, w, d, 1f, gq, cb, 0f, gA);
            for (int i = 0; i < n; i++) {
                int aOff = (i * b + k) * w;
                for (int j = 0; j < w; j++) {
                    ab[i * w + j] = assign[aOff + j];
                    if (gAssign != null) {
                        gA[i * w + j] += gAssign[aOff + j];
                    }
                }
            }
            // gC_b += a_b^T gq
            Blas.gemm(true, false, w, d, n, 1f, ab, gq, 0f, gCb);
            // softmax backward (straight-through for hard codes): gSim = p (gA - <p, gA>) / tau
            float[] p = probs[k];
            float[] gSim = gA; // in place
            for (int i = 0; i < n; i++) {
                int off = i * w;
                if (!hard && fixedCodes != null && fixedCodes[i * b + k] >= 0) {
                    java.util.Arrays.fill(gSim, off, off + w, 0f); // kept soft row: a constant
                    continue;
                }
                double dot = 0;
                for (int j = 0; j < w; j++) {
                    dot += p[off + j] * gA[off + j];
                }
                for (int j = 0; j < w; j++) {
                    gSim[off + j] = p[off + j] * (gA[off + j] - (float) dot) * invTau;
                }
            }
            // sim = resM C_b^T: gResM = gSim C_b; gC_b += gSim^T resM
            Blas.mm(gSim, cb, gR, n, w, d);
            Blas.gemm(true, false, w, d, n, 1f, gSim, resM[k], 1f, gCb);
            int cOff = k * w * d;
            for (int i = 0; i < w * d; i++) {
                codebooks.grad[cOff + i] += gCb[i];
            }
            // resM = res M: gM += res^T gResM; gRes += gResM M^T
            Blas.gemm(true, false, d, d, n, 1f, res[k], gR, 1f, bilinear.grad);
            Blas.gemm(false, true, n, d, d, 1f, gR, bilinear.value, 0f, gResFromSim);
            for (int i = 0; i < n * d; i++) {
                gRes[i] += gResFromSim[i];
            }
        }
        return gRes;
    }

    /**
     * Keeps the given codes (and, for soft assignment, the given rows) for the items where
     * {@code codes[i*B+b] >= 0}; the others are quantized freely. Null clears.
     *
     * @param codes [n, B], -1 where free
     * @param soft  [n, B*W] for a soft quantizer, else null
     */
    public void fixCodes(int[] codes, float[] soft) {
        this.fixedCodes = codes;
        this.fixedSoft = soft;
    }

    /** Codes [n, B] of the last forward (argmax of the similarities). */
    public int[] codes() {
        return codes;
    }

    /** The assignment [n, B*W] of the last forward (LISA-Soft's soft_assign; one-hots when hard). */
    public float[] assign() {
        return assign.clone();
    }

    /**
     * Test hook for finite-difference checks of the straight-through estimator: with an offset
     * frozen at o = onehot - p (taken at a base point) the forward computes p + o, whose true
     * derivative is the straight-through gradient. Null restores the exact one-hot forward.
     */
    public void freezeStraightThrough(float[] offset) {
        this.frozenOffset = offset;
    }

    /** onehot - p of the last forward, for {@link #freezeStraightThrough(float[])}. */
    public float[] straightThroughOffset() {
        float[] off = new float[n * b * w];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b; k++) {
                int aOff = (i * b + k) * w;
                int code = codes[i * b + k];
                for (int j = 0; j < w; j++) {
                    off[aOff + j] = (j == code ? 1f : 0f) - probs[k][i * w + j];
                }
            }
        }
        return off;
    }
}

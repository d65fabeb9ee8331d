package io.lisastream.bench.attention;

import io.lisastream.bench.kernel.FastExp;
import io.lisastream.bench.kernel.Gemm;
import io.lisastream.bench.kernel.Matrices;
import java.util.Arrays;

/**
 * LISA's attention for every position of a sequence at once (a training-style forward), one block,
 * causal, per the method note:
 * <pre>
 *   h_t[b][w]  = sum_{j<=t} r^(t-j) 1[c_j,b == w]                 (decayed histogram, self-inclusive)
 *   alpha_t,b  = h_t[b] * exp(s_b[c_t,b]) / sum_w (same)           (codebook b attends over its W codewords)
 *   o_t        = sum_b sum_w alpha_t,b[w] (C_b[w] Wv_b)
 * </pre>
 * The per-codebook tables (W x W logits, W x D values) are built inside {@link #forward}, as a
 * training step does. The histogram costs O(W) per position and codebook; the value mixing, the
 * bulk of the work, is brought up to date per query codeword from the codes seen since that
 * codeword was last the query (see {@link #forward}), so it touches one W x D value row per
 * distinct recent code rather than all W. Nothing depends on the length L except the output [L][D].
 */
public final class LisaSequenceAttention {
    private final int b;
    private final int w;
    private final int d;
    private final double decay;
    /** [B*W][D] C_b[w] at row b*W + w. */
    private final float[][] codebooks;
    /** [B*D][D] each: the rows of Wq_b, Wk_b, Wv_b start at b*D. */
    private final float[][] wq;
    private final float[][] wk;
    private final float[][] wv;

    public LisaSequenceAttention(int b, int w, int d, double decay, float[][] codebooks,
            float[][] wq, float[][] wk, float[][] wv) {
        if (codebooks.length != b * w || wq.length != b * d || wk.length != b * d || wv.length != b * d) {
            throw new IllegalArgumentException("parameter shapes do not match B=" + b + ", W=" + w + ", D=" + d);
        }
        this.b = b;
        this.w = w;
        this.d = d;
        this.decay = decay;
        this.codebooks = codebooks;
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
    }

    public int codebooks() {
        return b;
    }

    public int codewords() {
        return w;
    }

    /** The per-forward tables: logits and their max-subtracted exponentials [B*W(query)][W], values [B*W][D]. */
    record Tables(float[][] logits, float[][] expLogits, float[][] values) {
    }

    Tables tables() {
        float[][] logits = new float[b * w][w];
        float[][] expLogits = new float[b * w][w];
        float[][] values = new float[b * w][d];
        float[][] queries = new float[w][d];
        float[][] keys = new float[w][d];
        float[][] keysT = new float[d][w];
        float invSqrtD = (float) (1.0 / Math.sqrt(d));
        for (int cb = 0; cb < b; cb++) {
            for (int k = 0; k < w; k++) {
                Arrays.fill(queries[k], 0f);
                Arrays.fill(keys[k], 0f);
                float[] c = codebooks[cb * w + k];
                Gemm.row(c, wq, cb * d, queries[k], 0, d, 0, d);
                Gemm.row(c, wk, cb * d, keys[k], 0, d, 0, d);
                Gemm.row(c, wv, cb * d, values[cb * w + k], 0, d, 0, d);
            }
            Matrices.transposeInto(keys, w, keysT, 0);
            for (int q = 0; q < w; q++) {
                float[] s = logits[cb * w + q];
                Gemm.row(queries[q], keysT, 0, s, 0, d, 0, w);
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < w; k++) {
                    s[k] *= invSqrtD;
                    max = Math.max(max, s[k]);
                }
                float[] e = expLogits[cb * w + q];
                for (int k = 0; k < w; k++) {
                    e[k] = FastExp.exp(s[k] - max);
                }
            }
        }
        return new Tables(logits, expLogits, values);
    }

    /**
     * o_t for every position of one sequence.
     *
     * <p>Codebooks are independent heads, so the sequence is run once per codebook (its W x D value
     * table and the per-query numerators below stay in cache). Within a codebook, the query of
     * position t is its own code q = c_t, and the attention output is N(q, t) / Z(q, t) with
     * <pre>
     *   N(q, t) = sum_w h_t[w] E[q][w] V[w],   Z(q, t) = sum_w h_t[w] E[q][w],   E[q][w] = exp(s[q][w] - max_w s[q][w])
     * </pre>
     * Since h_t = r^g h_t' + sum_{t' < j <= t} r^(t-j) e(c_j), the pair (N, Z) for q last computed at
     * t' = t - g is brought up to date exactly from the codes seen since then:
     * N(q, t) = r^g N(q, t') + sum_j r^(t-j) E[q][c_j] V[c_j], touching one value row per distinct code
     * in the gap instead of all W. When q was last the query more than W positions ago (or never), N
     * and Z are recomputed from the histogram. Either way the result is the formula's, to float rounding.
     *
     * @param codes [L*B] the codes of the item at each position, position-major
     * @return [L][D]
     */
    public float[][] forward(int[] codes) {
        if (codes.length % b != 0) {
            throw new IllegalArgumentException("codes length " + codes.length + " is not a multiple of B=" + b);
        }
        int length = codes.length / b;
        Tables t = tables();
        float[][] out = new float[length][d];
        CodebookPass pass = new CodebookPass(length);
        for (int cb = 0; cb < b; cb++) {
            pass.run(t, codes, cb, length, out);
        }
        return out;
    }

    /** The state of one codebook's pass over the sequence; its arrays are reused across codebooks. */
    private final class CodebookPass {
        /** r^g for g in [0, W]. */
        final float[] decayPow;
        /** h_t[w], the true decayed histogram (decayed eagerly: W multiplies per position). */
        final float[] hist = new float[w];
        /** N(q, .) and Z(q, .) as of position last[q]; last[q] = -1 when not valid. */
        final float[][] num = new float[w][d];
        final float[] den = new float[w];
        final int[] last = new int[w];
        /** Scratch: coefficients per codeword for one update, the distinct codewords touched, their coefficients. */
        final float[] pending = new float[w];
        final int[] mark = new int[w];
        int stamp;
        final int[] touched = new int[w];
        final float[] coef = new float[w];
        final float[] alpha = new float[w];

        /** This codebook's code at each position. */
        final int[] column;

        CodebookPass(int length) {
            column = new int[length];
            decayPow = new float[w + 1];
            double r = Math.exp(-decay);
            for (int g = 0; g <= w; g++) {
                decayPow[g] = (float) Math.pow(r, g);
            }
        }

        void run(Tables t, int[] codes, int cb, int length, float[][] out) {
            Arrays.fill(hist, 0f);
            Arrays.fill(last, -1);
            float r = decayPow[1];
            int valueRow0 = cb * w;
            for (int pos = 0; pos < length; pos++) {
                column[pos] = codes[pos * b + cb];
            }
            for (int pos = 0; pos < length; pos++) {
                int q = column[pos];
                for (int k = 0; k < w; k++) {
                    hist[k] *= r;
                }
                hist[q] += 1f;
                float[] e = t.expLogits[valueRow0 + q];
                int gap = pos - last[q];
                if (last[q] >= 0 && gap <= w) {
                    update(t, codes, cb, q, pos, gap, e, valueRow0);
                } else {
                    recompute(t, q, e, valueRow0);
                }
                last[q] = pos;
                float z = den[q];
                if (!(z > 1e-30f) || Float.isInfinite(z)) {
                    // the shortcut's products under- or overflowed: this position the exact way
                    float sum = exactWeights(hist, t.logits[valueRow0 + q], alpha);
                    Matrices.scale(alpha, w, 1f / sum);
                    Gemm.row(alpha, t.values, valueRow0, out[pos], 0, w, 0, d);
                    last[q] = -1;
                    continue;
                }
                float inv = 1f / z;
                float[] n = num[q];
                float[] o = out[pos];
                for (int i = 0; i < d; i++) {
                    o[i] = Math.fma(n[i], inv, o[i]);
                }
            }
        }

        /** (N, Z)(q, pos) from their values gap positions ago and the codes seen since. */
        private void update(Tables t, int[] codes, int cb, int q, int pos, int gap, float[] e, int valueRow0) {
            int distinct = 0;
            stamp++;
            for (int j = pos, g = 0; g < gap; j--, g++) {
                float f = decayPow[g];
                int c = column[j];
                if (mark[c] != stamp) {
                    mark[c] = stamp;
                    pending[c] = 0f;
                    touched[distinct++] = c;
                }
                pending[c] += f;
            }
            float fade = decayPow[gap];
            float[] n = num[q];
            float z = den[q] * fade;
            for (int i = 0; i < d; i++) {
                n[i] *= fade;
            }
            for (int k = 0; k < distinct; k++) {
                int c = touched[k];
                coef[k] = pending[c] * e[c];
                z += coef[k];
            }
            Gemm.sparseRow(touched, coef, distinct, t.values, valueRow0, n, 0, d);
            den[q] = z;
        }

        /** (N, Z)(q, pos) from the histogram. */
        private void recompute(Tables t, int q, float[] e, int valueRow0) {
            for (int k = 0; k < w; k++) {
                alpha[k] = hist[k] * e[k];
            }
            float[] n = num[q];
            Arrays.fill(n, 0f);
            Gemm.row(alpha, t.values, valueRow0, n, 0, w, 0, d);
            den[q] = Gemm.sum(alpha, w);
        }
    }

    /** exp(s + log h - max) over present codewords, when the shortcut's products under- or overflow. */
    private float exactWeights(float[] h, float[] logits, float[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < w; k++) {
            if (h[k] > 0) {
                max = Math.max(max, logits[k] + Math.log(h[k]));
            }
        }
        double sum = 0;
        for (int k = 0; k < w; k++) {
            a[k] = h[k] > 0 ? (float) Math.exp(logits[k] + Math.log(h[k]) - max) : 0f;
            sum += a[k];
        }
        return (float) sum;
    }
}

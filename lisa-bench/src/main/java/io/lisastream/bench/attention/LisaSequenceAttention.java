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
 * training step does. The histogram is updated in O(B) per position with a lazy scale (the true h is
 * the kept one times exp(-lambda * exponent), renormalised before the scale passes e^40); the
 * attention of a position is B*W weights and one (B*W) x D product, done as a vectorised row
 * product over the value table. Nothing depends on the length L except the output [L][D].
 */
public final class LisaSequenceAttention {
    private static final double MAX_LOG_SCALE = 40.0;

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
        History history = new History();
        float[][] weights = new float[b][w];
        float[][] nextWeights = new float[b][w];
        int pos = 0;
        for (; pos + 1 < length; pos += 2) {
            history.observe(codes, pos);
            weights(t, history, codes, pos, weights);
            history.observe(codes, pos + 1);
            weights(t, history, codes, pos + 1, nextWeights);
            for (int cb = 0; cb < b; cb++) {
                Gemm.rowPair(weights[cb], nextWeights[cb], t.values, cb * w, out[pos], out[pos + 1], 0, w, 0, d);
            }
        }
        if (pos < length) {
            history.observe(codes, pos);
            weights(t, history, codes, pos, weights);
            for (int cb = 0; cb < b; cb++) {
                Gemm.row(weights[cb], t.values, cb * w, out[pos], 0, w, 0, d);
            }
        }
        return out;
    }

    /** The decayed histogram [B][W] with its lazy scale: the true h is hist * exp(-lambda * exponent). */
    private final class History {
        final float[][] hist = new float[b][w];
        int exponent;

        /** h <- r h + a_pos, touching B entries (all B*W once every 40 / lambda positions). */
        void observe(int[] codes, int pos) {
            exponent++;
            if (decay * exponent > MAX_LOG_SCALE) {
                float f = (float) Math.exp(-decay * (exponent - 1));
                for (float[] h : hist) {
                    Matrices.scale(h, w, f);
                }
                exponent = 1;
            }
            float g = (float) Math.exp(decay * exponent);
            int row = pos * b;
            for (int cb = 0; cb < b; cb++) {
                hist[cb][codes[row + cb]] += g;
            }
        }
    }

    /** alpha_pos,b[w] for every codebook, into a [B][W]. */
    private void weights(Tables t, History history, int[] codes, int pos, float[][] alpha) {
        int row = pos * b;
        for (int cb = 0; cb < b; cb++) {
            int query = cb * w + codes[row + cb];
            float[] h = history.hist[cb];
            float[] e = t.expLogits[query];
            float[] a = alpha[cb];
            for (int k = 0; k < w; k++) {
                a[k] = h[k] * e[k];
            }
            float sum = Gemm.sum(a, w);
            if (!(sum > 1e-30f) || Float.isInfinite(sum)) {
                sum = exactWeights(h, t.logits[query], a);
            }
            Matrices.scale(a, w, 1f / sum);
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

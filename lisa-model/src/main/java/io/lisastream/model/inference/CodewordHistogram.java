package io.lisastream.model.inference;

import io.lisastream.model.LisaModel;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;

/**
 * The decayed codeword histogram h[b][w] = sum_{j<=t} r_b^(t-j) a_j[b][w], r_b = exp(-lambda_b),
 * a_j[b][w] = 1[codes[i_j][b] == w] (LISA-Soft: soft_assign[i_j][b][w]); incremental and batch forms.
 * lambda_b is the model's decay for every codebook, or codebook b's own when the model learned them.
 */
final class CodewordHistogram {
    /**
     * Renormalise once decay * scaleExponent would pass this: exp(40) ~ 2.4e17, so scaled entries stay
     * below ~1e19 for any decay >= 0.1 and far below float's 3.4e38 for any decay.
     */
    private static final double MAX_LOG_SCALE = 40.0;

    private final int b;
    private final int w;
    /** lambda_b per codebook, and their maximum (which bounds the lazy scale). */
    private final double[] decay;
    private final double maxDecay;
    private final int[] codes;
    private final float[] softAssign;

    CodewordHistogram(LisaModel model) {
        this.b = model.config().codebooks();
        this.w = model.config().codewords();
        this.decay = new double[b];
        for (int cb = 0; cb < b; cb++) {
            decay[cb] = model.config().decay(cb);
        }
        this.maxDecay = model.config().maxDecay();
        this.codes = model.ints(TensorSpec.CODES);
        this.softAssign = model.variant() == Variant.LISA_SOFT ? model.floats(TensorSpec.SOFT_ASSIGN) : null;
    }

    int size() {
        return b * w;
    }

    /** h <- r*h + a_item, in O(B) for hard codes (O(B*W) for soft), amortised. */
    void observe(UserState s, int item) {
        int exponent = s.scaleExponent + 1;
        if (maxDecay * exponent > MAX_LOG_SCALE) {
            renormalise(s);
            exponent = 1;
        }
        s.scaleExponent = exponent;
        float[] h = s.histogram;
        int row = item * b;
        float weight = 0f;
        for (int cb = 0; cb < b; cb++) {
            if (cb == 0 || decay[cb] != decay[cb - 1]) { // one exp per event when all codebooks share a decay
                weight = (float) Math.exp(decay[cb] * exponent);
            }
            if (softAssign == null) {
                h[cb * w + codes[row + cb]] += weight;
            } else {
                int offset = (item * b + cb) * w;
                for (int k = 0; k < w; k++) {
                    h[cb * w + k] += weight * softAssign[offset + k];
                }
            }
        }
        System.arraycopy(codes, row, s.lastCodes, 0, b);
        s.lastItem = item;
        s.count++;
    }

    /** Folds the lazy scale into the entries: afterwards scaleExponent is 0 and histogram is the true h. */
    void renormalise(UserState s) {
        if (s.scaleExponent == 0) {
            return;
        }
        scale(s.histogram, -s.scaleExponent);
        s.scaleExponent = 0;
    }

    /** The true decayed histogram of a state, a new [B*W] array. */
    float[] decayed(UserState s) {
        float[] out = s.histogram.clone();
        scale(out, -s.scaleExponent);
        return out;
    }

    /** Multiplies codebook b's entries by exp(lambda_b * exponent). */
    private void scale(float[] h, int exponent) {
        for (int cb = 0; cb < b; cb++) {
            float factor = (float) Math.exp(decay[cb] * exponent);
            for (int k = cb * w; k < (cb + 1) * w; k++) {
                h[k] *= factor;
            }
        }
    }

    /** Batch form: h for the whole history, each weight r^(t-j) computed directly (no division, no overflow). */
    float[] fromHistory(int[] history) {
        double[] h = new double[b * w];
        int t = history.length;
        for (int j = 0; j < t; j++) {
            int item = history[j];
            for (int cb = 0; cb < b; cb++) {
                double weight = Math.exp(-decay[cb] * (t - 1 - j));
                if (weight == 0) {
                    continue;
                }
                if (softAssign == null) {
                    h[cb * w + codes[item * b + cb]] += weight;
                } else {
                    int offset = (item * b + cb) * w;
                    for (int k = 0; k < w; k++) {
                        h[cb * w + k] += weight * softAssign[offset + k];
                    }
                }
            }
        }
        float[] out = new float[h.length];
        for (int k = 0; k < h.length; k++) {
            out[k] = (float) h[k];
        }
        return out;
    }
}

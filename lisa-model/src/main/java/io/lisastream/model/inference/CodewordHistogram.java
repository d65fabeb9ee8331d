package io.lisastream.model.inference;

import io.lisastream.model.LisaModel;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;

/**
 * The decayed codeword histogram h[b][w] = sum_{j<=t} r^(t-j) a_j[b][w], r = exp(-lambda),
 * a_j[b][w] = 1[codes[i_j][b] == w] (LISA-Soft: soft_assign[i_j][b][w]); incremental and batch forms.
 */
final class CodewordHistogram {
    /**
     * Renormalise once decay * scaleExponent would pass this: exp(40) ~ 2.4e17, so scaled entries stay
     * below ~1e19 for any decay >= 0.1 and far below float's 3.4e38 for any decay.
     */
    private static final double MAX_LOG_SCALE = 40.0;

    private final int b;
    private final int w;
    private final double decay;
    private final int[] codes;
    private final float[] softAssign;

    CodewordHistogram(LisaModel model) {
        this.b = model.config().codebooks();
        this.w = model.config().codewords();
        this.decay = model.config().decay();
        this.codes = model.ints(TensorSpec.CODES);
        this.softAssign = model.variant() == Variant.LISA_SOFT ? model.floats(TensorSpec.SOFT_ASSIGN) : null;
    }

    int size() {
        return b * w;
    }

    /** h <- r*h + a_item, in O(B) for hard codes (O(B*W) for soft), amortised. */
    void observe(UserState s, int item) {
        int exponent = s.scaleExponent + 1;
        if (decay * exponent > MAX_LOG_SCALE) {
            renormalise(s);
            exponent = 1;
        }
        s.scaleExponent = exponent;
        float weight = (float) Math.exp(decay * exponent);
        float[] h = s.histogram;
        int row = item * b;
        if (softAssign == null) {
            for (int cb = 0; cb < b; cb++) {
                h[cb * w + codes[row + cb]] += weight;
            }
        } else {
            int offset = item * b * w;
            for (int k = 0; k < b * w; k++) {
                h[k] += weight * softAssign[offset + k];
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
        float factor = (float) Math.exp(-decay * s.scaleExponent);
        float[] h = s.histogram;
        for (int k = 0; k < h.length; k++) {
            h[k] *= factor;
        }
        s.scaleExponent = 0;
    }

    /** The true decayed histogram of a state, a new [B*W] array. */
    float[] decayed(UserState s) {
        float factor = (float) Math.exp(-decay * s.scaleExponent);
        float[] out = s.histogram.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] *= factor;
        }
        return out;
    }

    /** Batch form: h for the whole history, each weight r^(t-j) computed directly (no division, no overflow). */
    float[] fromHistory(int[] history) {
        double[] h = new double[b * w];
        int t = history.length;
        for (int j = 0; j < t; j++) {
            double weight = Math.exp(-decay * (t - 1 - j));
            if (weight == 0) {
                continue;
            }
            int item = history[j];
            if (softAssign == null) {
                for (int cb = 0; cb < b; cb++) {
                    h[cb * w + codes[item * b + cb]] += weight;
                }
            } else {
                int offset = item * b * w;
                for (int k = 0; k < b * w; k++) {
                    h[k] += weight * softAssign[offset + k];
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

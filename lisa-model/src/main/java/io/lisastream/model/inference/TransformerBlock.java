package io.lisastream.model.inference;

import io.lisastream.model.LisaModel;
import io.lisastream.model.TensorSpec;

/**
 * The post-LN block around attention, for one position:
 * y = LN1(x + o);  z = LN2(y + W2 ReLU(W1 y + b1) + b2).
 * W1 is [D, F] and W2 is [F, D] (row-vector convention). Block k of a stacked model reads the k-th
 * slice of each stacked tensor.
 */
final class TransformerBlock {
    private final int d;
    private final int f;
    private final LayerNorm ln1;
    private final LayerNorm ln2;
    /** W1 [D][F] and W2 [F][D] as rows (vectorised row products, see {@link Linear#accumulate(float[], float[][], float[])}). */
    private final float[][] w1;
    private final float[] b1;
    private final float[][] w2;
    private final float[] b2;

    TransformerBlock(LisaModel model) {
        this(model, 0);
    }

    TransformerBlock(LisaModel model, int k) {
        this.d = model.config().dim();
        this.f = model.config().ffnDim();
        double eps = model.config().layerNormEps();
        this.ln1 = new LayerNorm(slice(model, TensorSpec.LN1_GAMMA, k, d),
                slice(model, TensorSpec.LN1_BETA, k, d), eps);
        this.ln2 = new LayerNorm(slice(model, TensorSpec.LN2_GAMMA, k, d),
                slice(model, TensorSpec.LN2_BETA, k, d), eps);
        this.w1 = Linear.rows(model.floats(TensorSpec.FFN_W1), k * d * f, d, f);
        this.b1 = slice(model, TensorSpec.FFN_B1, k, f);
        this.w2 = Linear.rows(model.floats(TensorSpec.FFN_W2), k * f * d, f, d);
        this.b2 = slice(model, TensorSpec.FFN_B2, k, d);
    }

    /** Block k's [size] slice of a stacked per-block tensor (the whole tensor for one block). */
    private static float[] slice(LisaModel model, String name, int k, int size) {
        return java.util.Arrays.copyOfRange(model.floats(name), k * size, (k + 1) * size);
    }

    /** Returns z for input x and attention output o (both length D; neither is modified). */
    float[] apply(float[] x, float[] o) {
        float[] y = new float[d];
        for (int i = 0; i < d; i++) {
            y[i] = x[i] + o[i];
        }
        ln1.applyInPlace(y);

        float[] hidden = b1.clone();
        Linear.accumulate(y, w1, hidden);
        for (int j = 0; j < f; j++) {
            if (hidden[j] < 0) {
                hidden[j] = 0;
            }
        }
        float[] z = b2.clone();
        Linear.accumulate(hidden, w2, z);
        for (int i = 0; i < d; i++) {
            z[i] += y[i];
        }
        ln2.applyInPlace(z);
        return z;
    }
}

package io.lisastream.model.inference;

/**
 * {@code out[k] += sum_i z[i] * rowsT[i][k]} for k in [0, n): a vector times a matrix stored
 * transposed (one row per input dimension), so the inner loop runs over contiguous k and C2
 * vectorises it. Four dimensions per pass, added in a fixed order, so every caller gets the same
 * bits for the same inputs.
 */
final class TransposedProduct {
    private TransposedProduct() {
    }

    static void accumulate(float[] z, int d, float[][] rowsT, float[] out, int n) {
        int i = 0;
        for (; i + 3 < d; i += 4) {
            float z0 = z[i];
            float z1 = z[i + 1];
            float z2 = z[i + 2];
            float z3 = z[i + 3];
            float[] r0 = rowsT[i];
            float[] r1 = rowsT[i + 1];
            float[] r2 = rowsT[i + 2];
            float[] r3 = rowsT[i + 3];
            for (int k = 0; k < n; k++) {
                out[k] = out[k] + z0 * r0[k] + z1 * r1[k] + z2 * r2[k] + z3 * r3[k];
            }
        }
        for (; i < d; i++) {
            float zi = z[i];
            float[] row = rowsT[i];
            for (int k = 0; k < n; k++) {
                out[k] += zi * row[k];
            }
        }
    }
}

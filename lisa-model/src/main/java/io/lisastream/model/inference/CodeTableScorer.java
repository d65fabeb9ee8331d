package io.lisastream.model.inference;

/**
 * Asymmetric distance computation over a quantized catalogue: e_n = sum_b C_b[codes[n][b]], so
 * score(n) = z . e_n = sum_b S_b[codes[n][b]] with the per-request tables S_b[w] = z . C_b[w]
 * ([B, W], O(B W D) once), then O(B) table lookups per item. The catalogue is N x B small codes.
 *
 * <p>The tables are computed from a transposed copy of the codebooks, [D, B*W], as D row updates
 * S += z[i] * C^T[i] that the JIT vectorises (a dot product per entry is a serial float
 * reduction it cannot). Each S[k] still sums z[i] * C[k][i] in ascending i, so the result is
 * bit-identical to the dot products; profiled in the operator this cut the tables' cost ~2x.
 */
final class CodeTableScorer implements CatalogueScorer {
    private final int b;
    private final int w;
    private final int d;
    /** [D, B*W]: codebooksT[i * B*W + k] = codebooks[k * D + i]. */
    private final float[] codebooksT;
    private final int[] codes;
    private final int numItems;

    /** @param codebooks [B, W, D]; @param codes [N, B] */
    CodeTableScorer(float[] codebooks, int[] codes, int b, int w, int d) {
        this.b = b;
        this.w = w;
        this.d = d;
        this.codebooksT = new float[b * w * d];
        for (int k = 0; k < b * w; k++) {
            for (int i = 0; i < d; i++) {
                codebooksT[i * b * w + k] = codebooks[k * d + i];
            }
        }
        this.codes = codes;
        this.numItems = codes.length / b;
    }

    /** S [B*W], S_b[w] = z . C_b[w]. */
    float[] tables(float[] z) {
        int bw = b * w;
        float[] s = new float[bw];
        for (int i = 0; i < d; i++) {
            float zi = z[i];
            int row = i * bw;
            for (int k = 0; k < bw; k++) {
                s[k] += zi * codebooksT[row + k];
            }
        }
        return s;
    }

    @Override
    public void scoreAll(float[] z, float[] out) {
        float[] s = tables(z);
        for (int n = 0; n < numItems; n++) {
            int row = n * b;
            float score = 0f;
            for (int cb = 0; cb < b; cb++) {
                score += s[cb * w + codes[row + cb]];
            }
            out[n] = score;
        }
    }

    @Override
    public float[] score(float[] z, int[] items) {
        float[] s = tables(z);
        float[] out = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            int row = items[i] * b;
            float score = 0f;
            for (int cb = 0; cb < b; cb++) {
                score += s[cb * w + codes[row + cb]];
            }
            out[i] = score;
        }
        return out;
    }
}

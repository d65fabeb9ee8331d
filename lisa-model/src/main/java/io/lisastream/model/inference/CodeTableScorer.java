package io.lisastream.model.inference;

/**
 * Asymmetric distance computation over a quantized catalogue: e_n = sum_b C_b[codes[n][b]], so
 * score(n) = z . e_n = sum_b S_b[codes[n][b]] with the per-request tables S_b[w] = z . C_b[w]
 * ([B, W], O(B W D) once), then O(B) table lookups per item. The catalogue is N x B small codes.
 */
final class CodeTableScorer implements CatalogueScorer {
    private final int b;
    private final int w;
    private final int d;
    private final float[] codebooks;
    private final int[] codes;
    private final int numItems;

    /** @param codebooks [B, W, D]; @param codes [N, B] */
    CodeTableScorer(float[] codebooks, int[] codes, int b, int w, int d) {
        this.b = b;
        this.w = w;
        this.d = d;
        this.codebooks = codebooks;
        this.codes = codes;
        this.numItems = codes.length / b;
    }

    /** S [B*W], S_b[w] = z . C_b[w]. */
    float[] tables(float[] z) {
        float[] s = new float[b * w];
        for (int k = 0; k < b * w; k++) {
            s[k] = Linear.dot(z, 0, codebooks, k * d, d);
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

package io.lisastream.model.inference;

/**
 * Asymmetric distance computation over a quantized catalogue: e_n = sum_b C_b[codes[n][b]], so
 * score(n) = z . e_n = sum_b S_b[codes[n][b]] with the per-request tables S_b[w] = z . C_b[w]
 * ([B, W], O(B W D) once), then O(B) table lookups per item. The catalogue is N x B small codes.
 *
 * <p>Layout for speed (scores stay bit-identical to the plain definition: every sum runs in the same
 * order, without fused multiply-adds):
 * <ul>
 *   <li>the tables are computed from the codebooks transposed ([D][B*W] rows), a loop HotSpot
 *       vectorises, instead of B*W separate dot products;</li>
 *   <li>when W <= 256 the codes are kept as bytes, item-major ([N*B]: B bytes per item), and the
 *       tables are laid out with a stride of 256 in an array allocated where it is read, so the JIT
 *       knows every lookup is in bounds;</li>
 *   <li>{@link #topK} scores and selects in one pass: one comparison per item against the current
 *       k-th best score ({@link TopK.Collector}); B = 8 (every official configuration) is unrolled.</li>
 * </ul>
 */
final class CodeTableScorer implements CatalogueScorer {
    private static final int STRIDE = 256;

    private final int b;
    private final int w;
    private final int d;
    private final int[] codes;
    private final int numItems;
    /** [D][B*W]: codebooksT[i][cb*W + w] = C_cb[w][i]. */
    private final float[][] codebooksT;
    /** [N*B] codes as unsigned bytes when W <= 256, else null. */
    private final byte[] byteCodes;

    /** @param codebooks [B, W, D]; @param codes [N, B] */
    CodeTableScorer(float[] codebooks, int[] codes, int b, int w, int d) {
        this.b = b;
        this.w = w;
        this.d = d;
        this.codes = codes;
        this.numItems = codes.length / b;
        this.codebooksT = new float[d][b * w];
        for (int k = 0; k < b * w; k++) {
            for (int i = 0; i < d; i++) {
                codebooksT[i][k] = codebooks[k * d + i];
            }
        }
        if (w <= STRIDE) {
            this.byteCodes = new byte[codes.length];
            for (int i = 0; i < codes.length; i++) {
                byteCodes[i] = (byte) codes[i];
            }
        } else {
            this.byteCodes = null;
        }
    }

    /**
     * S [B*W], S_b[w] = z . C_b[w], each summed over i = 0..D-1 in order (four i per pass; Java adds
     * left to right, so the rounding is that of one i at a time).
     */
    float[] tables(float[] z) {
        float[] s = new float[b * w];
        TransposedProduct.accumulate(z, d, codebooksT, s, s.length);
        return s;
    }

    /** The tables copied to stride 256: S_b[w] at b*256 + w, in {@code out} (length B*256). */
    private void strided(float[] s, float[] out) {
        for (int cb = 0; cb < b; cb++) {
            System.arraycopy(s, cb * w, out, cb * STRIDE, w);
        }
    }

    @Override
    public long catalogueBytes() {
        return byteCodes != null ? byteCodes.length : 4L * codes.length;
    }

    private float score(float[] s, int item) {
        int row = item * b;
        float score = 0f;
        for (int cb = 0; cb < b; cb++) {
            score += s[cb * w + codes[row + cb]];
        }
        return score;
    }

    @Override
    public void scoreAll(float[] z, float[] out) {
        float[] s = tables(z);
        if (byteCodes != null && b == 8) {
            float[] t = new float[8 * STRIDE];
            strided(s, t);
            byte[] c = byteCodes;
            for (int n = 0; n < numItems; n++) {
                int o = n * 8;
                float score = 0f + t[c[o] & 0xFF];
                score += t[STRIDE + (c[o + 1] & 0xFF)];
                score += t[2 * STRIDE + (c[o + 2] & 0xFF)];
                score += t[3 * STRIDE + (c[o + 3] & 0xFF)];
                score += t[4 * STRIDE + (c[o + 4] & 0xFF)];
                score += t[5 * STRIDE + (c[o + 5] & 0xFF)];
                score += t[6 * STRIDE + (c[o + 6] & 0xFF)];
                score += t[7 * STRIDE + (c[o + 7] & 0xFF)];
                out[n] = score;
            }
            return;
        }
        for (int n = 0; n < numItems; n++) {
            out[n] = score(s, n);
        }
    }

    @Override
    public float[] score(float[] z, int[] items) {
        float[] s = tables(z);
        float[] out = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = score(s, items[i]);
        }
        return out;
    }

    @Override
    public ScoredItems topK(float[] z, int k, int[] exclude, int n) {
        if (byteCodes == null) {
            return CatalogueScorer.super.topK(z, k, exclude, n);
        }
        int[] excluded = CatalogueScorer.sortedExclusions(exclude);
        TopK.Collector top = new TopK.Collector(k, numItems);
        return b == 8 ? topK8(tables(z), excluded, top) : topKAny(tables(z), excluded, top);
    }

    /** The fused pass for B = 8: one 8-byte row and 8 in-bounds lookups per item. */
    private ScoredItems topK8(float[] s, int[] excluded, TopK.Collector top) {
        float[] t = new float[8 * STRIDE];
        strided(s, t);
        byte[] c = byteCodes;
        int count = numItems;
        float threshold = top.threshold();
        for (int item = 0; item < count; item++) {
            int o = item * 8;
            float score = 0f + t[c[o] & 0xFF]; // 0f + keeps a -0.0 entry identical to the plain sum
            score += t[STRIDE + (c[o + 1] & 0xFF)];
            score += t[2 * STRIDE + (c[o + 2] & 0xFF)];
            score += t[3 * STRIDE + (c[o + 3] & 0xFF)];
            score += t[4 * STRIDE + (c[o + 4] & 0xFF)];
            score += t[5 * STRIDE + (c[o + 5] & 0xFF)];
            score += t[6 * STRIDE + (c[o + 6] & 0xFF)];
            score += t[7 * STRIDE + (c[o + 7] & 0xFF)];
            if (score > threshold && !isExcluded(excluded, item)) {
                threshold = top.offer(item, score);
            }
        }
        return top.result();
    }

    private ScoredItems topKAny(float[] s, int[] excluded, TopK.Collector top) {
        float[] t = new float[b * STRIDE];
        strided(s, t);
        byte[] c = byteCodes;
        float threshold = top.threshold();
        for (int item = 0; item < numItems; item++) {
            int o = item * b;
            float score = 0f;
            for (int cb = 0; cb < b; cb++) {
                score += t[cb * STRIDE + (c[o + cb] & 0xFF)];
            }
            if (score > threshold && !isExcluded(excluded, item)) {
                threshold = top.offer(item, score);
            }
        }
        return top.result();
    }

    private static boolean isExcluded(int[] sortedExclusions, int item) {
        return sortedExclusions != null && java.util.Arrays.binarySearch(sortedExclusions, item) >= 0;
    }
}

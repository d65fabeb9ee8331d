package io.lisastream.bench.scoring;

import io.lisastream.bench.kernel.Gemm;
import io.lisastream.model.inference.ScoredItems;
import io.lisastream.model.inference.TopK;
import java.util.Arrays;

/**
 * The dense baseline: score(n) = z . e_n over an N x D float table, then the same fused top-k
 * selection as the code scorer. The table is stored transposed in blocks of 256 items
 * ([N/256][D][256]) so scoring a block is a vectorised row product (256 scores += z[i] * E^T[i]) and
 * the whole table streams from memory once per request.
 */
public final class DenseTopK {
    static final int BLOCK = 256;

    private final float[][][] blocks;
    private final int numItems;
    private final int d;

    /** @param embeddings [N*D] row-major item vectors */
    public DenseTopK(float[] embeddings, int numItems, int d) {
        this.numItems = numItems;
        this.d = d;
        int count = (numItems + BLOCK - 1) / BLOCK;
        this.blocks = new float[count][d][BLOCK];
        for (int n = 0; n < numItems; n++) {
            float[][] block = blocks[n / BLOCK];
            int j = n % BLOCK;
            for (int i = 0; i < d; i++) {
                block[i][j] = embeddings[n * d + i];
            }
        }
    }

    /** Bytes of the float table (the arrays' lengths; object headers excluded). */
    public long tableBytes() {
        return 4L * blocks.length * d * BLOCK;
    }

    public ScoredItems topK(float[] z, int k) {
        TopK.Collector top = new TopK.Collector(k, numItems);
        float threshold = top.threshold();
        float[] s = new float[BLOCK];
        for (int blk = 0; blk < blocks.length; blk++) {
            int base = blk * BLOCK;
            int count = Math.min(BLOCK, numItems - base);
            Arrays.fill(s, 0f);
            Gemm.row(z, blocks[blk], 0, s, 0, d, 0, count);
            for (int j = 0; j < count; j++) {
                if (s[j] > threshold) {
                    threshold = top.offer(base + j, s[j]);
                }
            }
        }
        return top.result();
    }
}

package io.lisastream.model.inference;

/**
 * score(n) = z . E[n] over a dense [N, D] embedding table (sasrec, lisa-soft). Scoring the whole
 * catalogue runs over E transposed ([D][N] rows): for i = 0..D-1, every item's score gains
 * z[i] E[n][i] (four i per pass), a loop HotSpot vectorises across items, with each item's sum in
 * the same order as a dot product, so the scores are bit-identical to {@link Linear#dot}.
 */
final class DenseScorer implements CatalogueScorer {
    private final float[] embeddings;
    /** [D][N] E transposed. */
    private final float[][] embeddingsT;
    private final int d;
    private final int numItems;

    DenseScorer(float[] embeddings, int d) {
        this.embeddings = embeddings;
        this.d = d;
        this.numItems = embeddings.length / d;
        this.embeddingsT = new float[d][numItems];
        for (int n = 0; n < numItems; n++) {
            for (int i = 0; i < d; i++) {
                embeddingsT[i][n] = embeddings[n * d + i];
            }
        }
    }

    @Override
    public long catalogueBytes() {
        return 4L * embeddings.length;
    }

    @Override
    public void scoreAll(float[] z, float[] out) {
        java.util.Arrays.fill(out, 0, numItems, 0f);
        TransposedProduct.accumulate(z, d, embeddingsT, out, numItems);
    }

    @Override
    public float[] score(float[] z, int[] items) {
        float[] out = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = Linear.dot(z, 0, embeddings, items[i] * d, d);
        }
        return out;
    }
}

package io.lisastream.model.inference;

/** score(n) = z . E[n] over a dense [N, D] embedding table (sasrec, lisa-soft). */
final class DenseScorer implements CatalogueScorer {
    private final float[] embeddings;
    private final int d;
    private final int numItems;

    DenseScorer(float[] embeddings, int d) {
        this.embeddings = embeddings;
        this.d = d;
        this.numItems = embeddings.length / d;
    }

    @Override
    public void scoreAll(float[] z, float[] out) {
        for (int n = 0; n < numItems; n++) {
            out[n] = Linear.dot(z, 0, embeddings, n * d, d);
        }
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

package io.lisastream.model.inference;

import java.util.Arrays;

/** Scores items for a user vector z: score(n) = z . e_n. */
interface CatalogueScorer {
    /** Scores of every item into {@code out} (length N). */
    void scoreAll(float[] z, float[] out);

    /** Scores of the given items, aligned with them. */
    float[] score(float[] z, int[] items);

    /** Heap bytes of the item table a request reads (codes or embeddings). */
    long catalogueBytes();

    /**
     * The k best items, best first (ties by lower index), never one of {@code exclude} (internal
     * indices, any order; out-of-range entries ignored; may be null), never a NaN or -infinity score.
     */
    default ScoredItems topK(float[] z, int k, int[] exclude, int numItems) {
        float[] scores = new float[numItems];
        scoreAll(z, scores);
        if (exclude != null) {
            for (int item : exclude) {
                if (item >= 0 && item < scores.length) {
                    scores[item] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        return TopK.select(scores, k);
    }

    /** A sorted copy of the exclusions (for binary search), or null for none. */
    static int[] sortedExclusions(int[] exclude) {
        if (exclude == null || exclude.length == 0) {
            return null;
        }
        int[] sorted = exclude.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}

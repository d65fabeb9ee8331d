package io.lisastream.model.inference;

/** Scores items for a user vector z: score(n) = z . e_n. */
interface CatalogueScorer {
    /** Scores of every item into {@code out} (length N). */
    void scoreAll(float[] z, float[] out);

    /** Scores of the given items, aligned with them. */
    float[] score(float[] z, int[] items);
}

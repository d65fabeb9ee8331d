package io.lisastream.model.eval;

/**
 * A model under evaluation: scores items given a user's history (higher = more likely next).
 * Implementations must be safe to call from several threads at once and must not modify the
 * arrays they are given.
 */
@FunctionalInterface
public interface Ranker {

    /**
     * Scores of {@code candidates} for a user with this history.
     *
     * @param history    item indices, oldest first; may be empty
     * @param candidates item indices to score, possibly in any order
     * @return {@code float[candidates.length]}, aligned with {@code candidates}
     */
    float[] score(int[] history, int[] candidates);

    /**
     * Scores of every item {@code 0..numItems-1}, for full-ranking evaluation. The default scores
     * all items through {@link #score}; models override it with a faster path. {@code numItems}
     * is the catalogue size the caller expects: an implementation whose own catalogue differs
     * should throw {@link IllegalArgumentException} rather than return a different length.
     *
     * @return {@code float[numItems]}, index = item index
     */
    default float[] scoreAll(int[] history, int numItems) {
        int[] all = new int[numItems];
        for (int i = 0; i < numItems; i++) {
            all[i] = i;
        }
        return score(history, all);
    }
}

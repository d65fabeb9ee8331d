package io.lisastream.trainer;

import io.lisastream.model.eval.Ranker;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link Ranker} over precomputed user vectors: z looked up by the history's content, scores
 * z . target[n]. Lets the model core's Evaluator rank with the training graph's own batched forward.
 */
final class VectorRanker implements Ranker {
    private record Key(int[] items) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Arrays.equals(items, k.items);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(items);
        }
    }

    private final Map<Key, float[]> vectors = new HashMap<>();
    private final float[] targets;
    private final int d;

    VectorRanker(int[][] histories, float[][] z, float[] targets, int d) {
        for (int i = 0; i < histories.length; i++) {
            vectors.put(new Key(histories[i]), z[i]);
        }
        this.targets = targets;
        this.d = d;
    }

    @Override
    public float[] score(int[] history, int[] candidates) {
        float[] z = vectors.get(new Key(history));
        if (z == null) {
            throw new IllegalArgumentException("no user vector was computed for this history");
        }
        float[] out = new float[candidates.length];
        for (int c = 0; c < candidates.length; c++) {
            int off = candidates[c] * d;
            float s = 0;
            for (int j = 0; j < d; j++) {
                s += z[j] * targets[off + j];
            }
            out[c] = s;
        }
        return out;
    }
}

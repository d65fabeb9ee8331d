package io.lisastream.model.eval;

/**
 * Baseline: scores an item by how often it occurs in the training sequences of a
 * {@link LeaveOneOut} split (validation and test targets are not counted), ignoring the history.
 * Immutable and thread-safe.
 */
public final class PopularityRanker implements Ranker {
    private final float[] counts;

    private PopularityRanker(float[] counts) {
        this.counts = counts;
    }

    public static PopularityRanker fit(LeaveOneOut split) {
        float[] counts = new float[split.numItems()];
        for (int u = 0; u < split.numUsers(); u++) {
            for (int i : split.train(u)) {
                counts[i]++;
            }
        }
        return new PopularityRanker(counts);
    }

    /** Training count of item {@code i}. */
    public float count(int i) {
        return counts[i];
    }

    @Override
    public float[] score(int[] history, int[] candidates) {
        float[] s = new float[candidates.length];
        for (int k = 0; k < candidates.length; k++) {
            s[k] = counts[candidates[k]];
        }
        return s;
    }

    @Override
    public float[] scoreAll(int[] history, int numItems) {
        if (numItems != counts.length) {
            throw new IllegalArgumentException("asked for " + numItems + " items, fitted on " + counts.length);
        }
        return counts.clone();
    }
}

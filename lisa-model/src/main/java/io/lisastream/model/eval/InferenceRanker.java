package io.lisastream.model.eval;

import io.lisastream.model.inference.InferenceModel;
import java.util.Arrays;
import java.util.List;

/**
 * A served model as a {@link Ranker} over a dataset's item vocabulary: dataset indices are mapped
 * to the model's catalogue by external item id. History items the model does not know are skipped
 * (as the online operator does); candidates it does not know score -infinity, so they never rank
 * above a known target.
 */
public final class InferenceRanker implements Ranker {
    private final InferenceModel model;
    /** Dataset item index -> model index, or -1. */
    private final int[] toModel;
    private final int unknownItems;

    private InferenceRanker(InferenceModel model, int[] toModel, int unknownItems) {
        this.model = model;
        this.toModel = toModel;
        this.unknownItems = unknownItems;
    }

    /** @param datasetItemIds external item id of each dataset index */
    public static InferenceRanker of(InferenceModel model, List<String> datasetItemIds) {
        int[] map = new int[datasetItemIds.size()];
        int unknown = 0;
        for (int i = 0; i < map.length; i++) {
            map[i] = model.model().indexOf(datasetItemIds.get(i));
            if (map[i] < 0) {
                unknown++;
            }
        }
        return new InferenceRanker(model, map, unknown);
    }

    /** How many dataset items the model's catalogue lacks. */
    public int unknownItems() {
        return unknownItems;
    }

    @Override
    public float[] score(int[] history, int[] candidates) {
        float[] z = userVector(history);
        float[] out = new float[candidates.length];
        if (z == null) {
            return out; // nothing known about the user: every candidate ties
        }
        int[] mapped = new int[candidates.length];
        int known = 0;
        for (int c : candidates) {
            if (toModel[c] >= 0) {
                mapped[known++] = toModel[c];
            }
        }
        float[] scores = model.score(z, Arrays.copyOf(mapped, known));
        for (int i = 0, k = 0; i < candidates.length; i++) {
            out[i] = toModel[candidates[i]] >= 0 ? scores[k++] : Float.NEGATIVE_INFINITY;
        }
        return out;
    }

    @Override
    public float[] scoreAll(int[] history, int numItems) {
        if (numItems != toModel.length) {
            throw new IllegalArgumentException("asked for " + numItems + " items, the dataset has " + toModel.length);
        }
        float[] z = userVector(history);
        float[] out = new float[numItems];
        if (z == null) {
            return out;
        }
        float[] all = model.scoreAll(z);
        for (int i = 0; i < numItems; i++) {
            out[i] = toModel[i] >= 0 ? all[toModel[i]] : Float.NEGATIVE_INFINITY;
        }
        return out;
    }

    /** z for the known part of a history (dataset indices), or null when none of it is known. */
    private float[] userVector(int[] history) {
        int[] mapped = new int[history.length];
        int n = 0;
        for (int item : history) {
            if (toModel[item] >= 0) {
                mapped[n++] = toModel[item];
            }
        }
        return n == 0 ? null : model.userVector(Arrays.copyOf(mapped, n));
    }
}

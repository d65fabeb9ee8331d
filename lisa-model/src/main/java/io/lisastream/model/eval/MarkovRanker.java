package io.lisastream.model.eval;

import java.util.Arrays;

/**
 * First-order Markov baseline: score(j | history) = count(last history item -> j) in the training
 * sequences, plus popularity(j) / (total training interactions + 1) as a back-off that is below 1
 * and so only orders items with equal transition counts. An empty history scores by popularity.
 * Transitions are stored sparsely (CSR: per source item, sorted successors and their counts).
 * Immutable and thread-safe.
 */
public final class MarkovRanker implements Ranker {
    private final int[] rowStart;   // int[N + 1]
    private final int[] successor;  // int[nnz], sorted within a row
    private final float[] count;    // float[nnz]
    private final float[] backoff;  // float[N], popularity / (total + 1)

    private MarkovRanker(int[] rowStart, int[] successor, float[] count, float[] backoff) {
        this.rowStart = rowStart;
        this.successor = successor;
        this.count = count;
        this.backoff = backoff;
    }

    public static MarkovRanker fit(LeaveOneOut split) {
        int n = split.numItems();
        long total = 0;
        int pairs = 0;
        float[] popularity = new float[n];
        for (int u = 0; u < split.numUsers(); u++) {
            int[] s = split.train(u);
            total += s.length;
            pairs += Math.max(0, s.length - 1);
            for (int i : s) {
                popularity[i]++;
            }
        }
        long[] keys = new long[pairs];
        int p = 0;
        for (int u = 0; u < split.numUsers(); u++) {
            int[] s = split.train(u);
            for (int j = 1; j < s.length; j++) {
                keys[p++] = ((long) s[j - 1] << 32) | s[j];
            }
        }
        Arrays.sort(keys);
        int distinct = 0;
        for (int k = 0; k < keys.length; k++) {
            if (k == 0 || keys[k] != keys[k - 1]) {
                distinct++;
            }
        }
        int[] rowStart = new int[n + 1];
        int[] successor = new int[distinct];
        float[] count = new float[distinct];
        int e = -1;
        for (int k = 0; k < keys.length; k++) {
            if (k == 0 || keys[k] != keys[k - 1]) {
                e++;
                successor[e] = (int) keys[k];
                rowStart[(int) (keys[k] >>> 32) + 1]++;
            }
            count[e]++;
        }
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        float[] backoff = new float[n];
        for (int i = 0; i < n; i++) {
            backoff[i] = (float) (popularity[i] / (total + 1.0));
        }
        return new MarkovRanker(rowStart, successor, count, backoff);
    }

    /** Training count of the transition {@code from -> to}. */
    public float transitions(int from, int to) {
        int k = Arrays.binarySearch(successor, rowStart[from], rowStart[from + 1], to);
        return k >= 0 ? count[k] : 0f;
    }

    @Override
    public float[] score(int[] history, int[] candidates) {
        float[] s = new float[candidates.length];
        int last = history.length == 0 ? -1 : history[history.length - 1];
        for (int k = 0; k < candidates.length; k++) {
            int c = candidates[k];
            s[k] = (last < 0 ? 0f : transitions(last, c)) + backoff[c];
        }
        return s;
    }

    @Override
    public float[] scoreAll(int[] history, int numItems) {
        if (numItems != backoff.length) {
            throw new IllegalArgumentException("asked for " + numItems + " items, fitted on " + backoff.length);
        }
        float[] s = backoff.clone();
        if (history.length > 0) {
            int last = history[history.length - 1];
            for (int k = rowStart[last]; k < rowStart[last + 1]; k++) {
                s[successor[k]] += count[k];
            }
        }
        return s;
    }
}

package io.lisastream.model.inference;

/** Top-K result: internal item indices and their scores, best first (parallel arrays). */
public record ScoredItems(int[] items, float[] scores) {
    public int size() {
        return items.length;
    }
}

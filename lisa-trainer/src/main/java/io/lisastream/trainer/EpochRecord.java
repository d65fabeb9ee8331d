package io.lisastream.trainer;

/**
 * One epoch of a run.
 *
 * @param epoch       1-based
 * @param loss        mean training loss
 * @param seconds     wall time of the epoch's steps
 * @param positions   training positions seen
 * @param hr10        validation HR@10 (sampled), or NaN when not validated this epoch
 * @param ndcg10      validation NDCG@10 (sampled), or NaN
 * @param best        whether this epoch is the best so far
 */
public record EpochRecord(int epoch, double loss, double seconds, long positions, double hr10, double ndcg10,
        boolean best) {

    public boolean validated() {
        return !Double.isNaN(hr10);
    }

    public String summary() {
        String v = validated()
                ? String.format(java.util.Locale.ROOT, " val HR@10 %.4f NDCG@10 %.4f%s", hr10, ndcg10, best ? " *best*" : "")
                : "";
        return String.format(java.util.Locale.ROOT, "epoch %d: loss %.4f, %.1f s, %.0f positions/s%s", epoch, loss,
                seconds, positions / Math.max(1e-9, seconds), v);
    }
}

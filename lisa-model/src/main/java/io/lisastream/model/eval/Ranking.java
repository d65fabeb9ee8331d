package io.lisastream.model.eval;

/**
 * Rank of a target among scored candidates, and the metrics of one rank.
 *
 * <p>Ranks are 0-based and pessimistic: rank = #(other candidates scoring higher than the target)
 * + #(others scoring exactly the same), so a tie never favours the target and a constant model
 * ranks every target last. NaN counts against the target wherever it appears: a NaN target score
 * ranks behind all others, and another candidate's NaN score counts as ahead of the target.
 */
public final class Ranking {
    private static final double LN2 = Math.log(2.0);

    private Ranking() {
    }

    /** Rank of {@code scores[targetPos]} among all entries of {@code scores}. */
    public static int rankOf(float[] scores, int targetPos) {
        float t = scores[targetPos];
        if (Float.isNaN(t)) {
            return scores.length - 1;
        }
        int rank = 0;
        for (int j = 0; j < scores.length; j++) {
            if (j != targetPos && !(scores[j] < t)) { // greater, equal or NaN
                rank++;
            }
        }
        return rank;
    }

    /**
     * Rank of item {@code target} among all items {@code i} with {@code excluded[i] == false}
     * (full ranking; the target itself is never excluded).
     *
     * @param scores   {@code float[N]} by item index
     * @param excluded {@code boolean[N]}: items left out of the ranking (the user's history)
     */
    public static int fullRank(float[] scores, int target, boolean[] excluded) {
        float t = scores[target];
        boolean nan = Float.isNaN(t);
        int rank = 0;
        for (int j = 0; j < scores.length; j++) {
            if (j != target && !excluded[j] && (nan || !(scores[j] < t))) {
                rank++;
            }
        }
        return rank;
    }

    /** Hit at cutoff k: 1 if rank < k, else 0. */
    public static double hit(int rank, int k) {
        return rank < k ? 1.0 : 0.0;
    }

    /** NDCG at cutoff k with one relevant item: 1 / log2(rank + 2) if rank < k, else 0. */
    public static double ndcg(int rank, int k) {
        return rank < k ? LN2 / Math.log(rank + 2.0) : 0.0;
    }
}

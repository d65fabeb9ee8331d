package io.lisastream.trainer.nn;

/**
 * A batch of right-padded sequences in time-major layout: position p = t * batch + s holds step t
 * of sequence s. Window positions count from the first item of each window (0..len_s-1).
 *
 * @param len     L, the longest window in the batch
 * @param batch   number of sequences
 * @param items   [L * batch] internal item index, -1 for padding
 * @param targets [L * batch] the next item to predict, -1 where there is none (padding, eval)
 * @param lengths [batch] window length of each sequence
 */
public record Batch(int len, int batch, int[] items, int[] targets, int[] lengths) {

    public int positions() {
        return len * batch;
    }

    /**
     * Builds a batch from windows. {@code targets} may be null (inference: no targets).
     */
    public static Batch of(int[][] windows, int[][] targets) {
        int batch = windows.length;
        int len = 0;
        for (int[] w : windows) {
            len = Math.max(len, w.length);
        }
        int[] items = new int[len * batch];
        int[] tg = new int[len * batch];
        int[] lengths = new int[batch];
        java.util.Arrays.fill(items, -1);
        java.util.Arrays.fill(tg, -1);
        for (int s = 0; s < batch; s++) {
            int[] w = windows[s];
            lengths[s] = w.length;
            for (int t = 0; t < w.length; t++) {
                items[t * batch + s] = w[t];
                if (targets != null) {
                    tg[t * batch + s] = targets[s][t];
                }
            }
        }
        return new Batch(len, batch, items, tg, lengths);
    }

    /** Number of positions with a target. */
    public int targetCount() {
        return targetCount(targets);
    }

    /** Number of entries of {@code targets} that are a target (not -1). */
    public static int targetCount(int[] targets) {
        int n = 0;
        for (int t : targets) {
            if (t >= 0) {
                n++;
            }
        }
        return n;
    }
}

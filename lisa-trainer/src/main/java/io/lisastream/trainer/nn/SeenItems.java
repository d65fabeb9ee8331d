package io.lisastream.trainer.nn;

/**
 * The items each sequence of a {@link Batch} has seen: every input item and every target of its
 * window. Losses built with {@code excludeSeen} never use these as negatives for that sequence's
 * positions (the position's own target is a positive, never a negative). This mirrors SASRec's
 * sampler, which draws negatives outside the user's training sequence, and the evaluation
 * protocols, which never rank a target against the user's own items.
 */
public final class SeenItems {
    private final int batch;
    private final int numItems;
    private final boolean[] seen;
    private final int[] distinct;

    private SeenItems(int batch, int numItems, boolean[] seen, int[] distinct) {
        this.batch = batch;
        this.numItems = numItems;
        this.seen = seen;
        this.distinct = distinct;
    }

    /** The seen sets of every sequence in {@code b}; items are {@code 0..numItems-1}. */
    public static SeenItems of(Batch b, int numItems) {
        int batch = b.batch();
        boolean[] seen = new boolean[batch * numItems];
        int[] distinct = new int[batch];
        int[] items = b.items();
        int[] targets = b.targets();
        for (int p = 0; p < items.length; p++) {
            int s = p % batch;
            distinct[s] += mark(seen, s * numItems, items[p]) + mark(seen, s * numItems, targets[p]);
        }
        return new SeenItems(batch, numItems, seen, distinct);
    }

    private static int mark(boolean[] seen, int base, int item) {
        if (item < 0 || seen[base + item]) {
            return 0;
        }
        seen[base + item] = true;
        return 1;
    }

    /** Whether batch position {@code p} (time-major, sequence p % batch) must not use {@code item} as a negative. */
    public boolean excluded(int p, int item) {
        return seen[(p % batch) * numItems + item];
    }

    /** Number of distinct items the sequence of position {@code p} has seen. */
    public int distinct(int p) {
        return distinct[p % batch];
    }
}

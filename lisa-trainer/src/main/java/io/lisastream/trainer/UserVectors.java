package io.lisastream.trainer;

import io.lisastream.trainer.nn.Batch;
import io.lisastream.trainer.nn.SequenceNetwork;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * The training graph's forward in eval mode (no dropout) for whole histories: z of the newest
 * item, from the window of the last maxLen items (positions 0..len-1 from the window's first item,
 * as the inference defines).
 */
public final class UserVectors {
    private static final int BATCH = 256;

    private UserVectors() {
    }

    /** z [histories.length][D]; every history must hold at least one item. */
    public static float[][] compute(SequenceNetwork net, int[][] histories) {
        int d = net.shape().dim();
        int maxLen = net.shape().maxLen();
        Integer[] order = new Integer[histories.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> histories[i].length));
        float[][] out = new float[histories.length][];
        SplittableRandom unused = new SplittableRandom(0);
        for (int from = 0; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            int[][] windows = new int[to - from][];
            for (int k = from; k < to; k++) {
                int[] h = histories[order[k]];
                if (h.length == 0) {
                    throw new IllegalArgumentException("a user vector needs at least one item");
                }
                windows[k - from] = Arrays.copyOfRange(h, Math.max(0, h.length - maxLen), h.length);
            }
            Batch batch = Batch.of(windows, null);
            float[] z = net.forward(batch, false, unused);
            for (int k = from; k < to; k++) {
                int s = k - from;
                int t = windows[s].length - 1;
                int p = t * batch.batch() + s;
                out[order[k]] = Arrays.copyOfRange(z, p * d, (p + 1) * d);
            }
        }
        return out;
    }
}

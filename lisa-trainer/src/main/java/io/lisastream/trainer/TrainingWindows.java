package io.lisastream.trainer;

import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.trainer.nn.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training examples of a leave-one-out split: per user, the last maxLen + 1 items of the
 * training sequence; the first maxLen (or fewer) are the input window, each one's successor is its
 * target. With {@code allWindows}, the earlier part of a longer sequence is cut into further windows
 * of at most maxLen inputs (backwards from the last one), so every training item is a target once. Batches group users of similar length (shuffle, then sort within chunks of 8 batches),
 * so padding stays small, and come in random order.
 */
final class TrainingWindows {
    private static final int SORT_CHUNK_BATCHES = 8;

    private final int[][] inputs;
    private final int[][] targets;
    private final long positions;

    TrainingWindows(LeaveOneOut split, int maxLen) {
        this(split, maxLen, false);
    }

    TrainingWindows(LeaveOneOut split, int maxLen, boolean allWindows) {
        List<int[]> in = new ArrayList<>();
        List<int[]> tg = new ArrayList<>();
        long pos = 0;
        for (int u = 0; u < split.numUsers(); u++) {
            int[] seq = split.train(u);
            if (seq.length < 2) {
                continue;
            }
            // inputs seq[start, end), targets seq[start + 1, end + 1)
            int end = seq.length - 1;
            do {
                int start = Math.max(0, end - maxLen);
                in.add(Arrays.copyOfRange(seq, start, end));
                tg.add(Arrays.copyOfRange(seq, start + 1, end + 1));
                pos += end - start;
                end = start;
            } while (allWindows && end > 0);
        }
        if (in.isEmpty()) {
            throw new IllegalArgumentException("no user has 2 or more training items: nothing to train on");
        }
        this.inputs = in.toArray(new int[0][]);
        this.targets = tg.toArray(new int[0][]);
        this.positions = pos;
    }

    int users() {
        return inputs.length;
    }

    long positions() {
        return positions;
    }

    /** The epoch's batches, in the order to train them. */
    List<Batch> epoch(int batchSize, SplittableRandom rng) {
        Integer[] order = new Integer[inputs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int chunk = batchSize * SORT_CHUNK_BATCHES;
        for (int from = 0; from < order.length; from += chunk) {
            Arrays.sort(order, from, Math.min(order.length, from + chunk),
                    Comparator.comparingInt(i -> inputs[i].length));
        }
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            int[][] in = new int[to - from][];
            int[][] tg = new int[to - from][];
            for (int k = from; k < to; k++) {
                in[k - from] = inputs[order[k]];
                tg[k - from] = targets[order[k]];
            }
            batches.add(Batch.of(in, tg));
        }
        for (int i = batches.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Batch t = batches.get(i);
            batches.set(i, batches.get(j));
            batches.set(j, t);
        }
        return batches;
    }
}

package io.lisastream.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** Losses with {@code excludeSeen}: a sequence's own items are never its negatives. */
class SeenItemsTest {
    private static final int D = 6;
    private static final int N = 7;

    // two sequences, time-major: sequence 0 = items 0, 1, 2 -> targets 1, 2, 3; sequence 1 = 4, 5 -> 5, 6
    private static final Batch BATCH = Batch.of(new int[][] {{0, 1, 2}, {4, 5}}, new int[][] {{1, 2, 3}, {5, 6}});

    @Test
    void aSequenceHasSeenItsInputsAndItsTargetsAndNothingElse() {
        SeenItems seen = SeenItems.of(BATCH, N);
        for (int p = 0; p < BATCH.positions(); p++) {
            boolean first = p % 2 == 0;
            for (int item = 0; item < N; item++) {
                boolean expected = first ? item <= 3 : item >= 4;
                assertThat(seen.excluded(p, item)).as("position %d item %d", p, item).isEqualTo(expected);
            }
            assertThat(seen.distinct(p)).isEqualTo(first ? 4 : 3);
        }
    }

    @Test
    void fullSoftmaxWithoutSeenItemsIsTheSoftmaxOverTheUnseenItemsPlusTheTarget() {
        Random rng = new Random(21);
        float[] z = GradCheck.random(rng, BATCH.positions() * D, 1.0);
        float[] table = GradCheck.random(rng, N * D, 1.0);
        int[] all = {0, 1, 2, 3, 4, 5, 6};
        double masked = SoftmaxCrossEntropy.evaluate(z, table, BATCH.targets(), all, SeenItems.of(BATCH, N), D, null,
                null);

        double expected = 0;
        int count = 0;
        int[] targets = BATCH.targets();
        for (int p = 0; p < targets.length; p++) {
            if (targets[p] < 0) {
                continue;
            }
            // sequence 0 may only rank its target against 4, 5, 6; sequence 1 against 0, 1, 2, 3
            int[] candidates = p % 2 == 0 ? new int[] {targets[p], 4, 5, 6} : new int[] {targets[p], 0, 1, 2, 3};
            double max = Double.NEGATIVE_INFINITY;
            double[] s = new double[candidates.length];
            for (int c = 0; c < candidates.length; c++) {
                for (int j = 0; j < D; j++) {
                    s[c] += z[p * D + j] * table[candidates[c] * D + j];
                }
                max = Math.max(max, s[c]);
            }
            double sum = 0;
            for (double v : s) {
                sum += Math.exp(v - max);
            }
            expected += max + Math.log(sum) - s[0];
            count++;
        }
        assertThat(masked).isCloseTo(expected / count, within(1e-5));
        double unmasked = SoftmaxCrossEntropy.evaluate(z, table, targets, all, D, null, null);
        assertThat(unmasked).as("the mask changes the loss").isGreaterThan(masked + 1e-3);
    }

    @Test
    void maskedSoftmaxGradientsMatchFiniteDifferences() {
        Random rng = new Random(22);
        float[] z = GradCheck.random(rng, BATCH.positions() * D, 1.0);
        float[] table = GradCheck.random(rng, N * D, 1.0);
        SeenItems seen = SeenItems.of(BATCH, N);
        for (int[] sample : new int[][] {{0, 1, 2, 3, 4, 5, 6}, {6, 1, 1, 4, 0}}) {
            DoubleSupplier loss = () -> SoftmaxCrossEntropy.evaluate(z, table, BATCH.targets(), sample, seen, D, null,
                    null);
            float[] gz = new float[z.length];
            float[] gt = new float[table.length];
            SoftmaxCrossEntropy.evaluate(z, table, BATCH.targets(), sample, seen, D, gz, gt);
            GradCheck.check("z", loss, z, gz, 100, 1);
            GradCheck.check("table", loss, table, gt, 100, 2);
        }
    }

    @Test
    void bceNeverDrawsASeenItemAsTheNegative() {
        BceLoss loss = new BceLoss(true);
        SeenItems seen = SeenItems.of(BATCH, N);
        SplittableRandom rng = new SplittableRandom(5);
        float[] z = new float[BATCH.positions() * D];
        float[] table = new float[N * D];
        boolean[] drawn = new boolean[N];
        for (int round = 0; round < 200; round++) {
            loss.forwardBackward(z, table, BATCH, D, N, rng, new float[z.length], new float[table.length]);
            int[] neg = loss.lastNegatives();
            for (int p = 0; p < neg.length; p++) {
                if (BATCH.targets()[p] >= 0) {
                    assertThat(seen.excluded(p, neg[p])).as("position %d drew seen item %d", p, neg[p]).isFalse();
                    drawn[neg[p]] = true;
                }
            }
        }
        assertThat(drawn).as("every item is some sequence's possible negative").containsOnly(true);
    }

    @Test
    void bceFallsBackToAnyOtherItemWhenTheSequenceHasSeenTheWholeCatalogue() {
        Batch everything = Batch.of(new int[][] {{0, 1}}, new int[][] {{1, 2}});
        BceLoss loss = new BceLoss(true);
        float[] z = new float[everything.positions() * D];
        loss.forwardBackward(z, new float[3 * D], everything, D, 3, new SplittableRandom(1), new float[z.length],
                new float[3 * D]);
        int[] neg = loss.lastNegatives();
        assertThat(neg[0]).isNotEqualTo(1);
        assertThat(neg[1]).isNotEqualTo(2);
    }
}

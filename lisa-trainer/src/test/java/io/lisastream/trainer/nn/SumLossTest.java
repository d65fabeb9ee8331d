package io.lisastream.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SumLossTest {
    private static final int D = 5;
    private static final int N = 9;

    @Test
    void cePlusBceIsTheSumOfTheTwoLossesAndOfTheirGradients() {
        Batch batch = Batch.of(new int[][] {{0, 1, 2}, {4, 5}}, new int[][] {{1, 2, 3}, {5, 6}});
        Random rng = new Random(3);
        float[] z = GradCheck.random(rng, batch.positions() * D, 1.0);
        float[] table = GradCheck.random(rng, N * D, 1.0);

        float[] gzSum = new float[z.length];
        float[] gtSum = new float[table.length];
        double sum = Loss.of("ce+bce", 0, true).forwardBackward(z, table, batch, D, N, new SplittableRandom(7), gzSum,
                gtSum);

        // the full softmax draws nothing, so BCE alone with the same generator draws the same negatives
        float[] gzCe = new float[z.length];
        float[] gtCe = new float[table.length];
        double ce = Loss.of("ce", 0, true).forwardBackward(z, table, batch, D, N, new SplittableRandom(7), gzCe, gtCe);
        float[] gzBce = new float[z.length];
        float[] gtBce = new float[table.length];
        double bce = Loss.of("bce", 0, true).forwardBackward(z, table, batch, D, N, new SplittableRandom(7), gzBce,
                gtBce);

        assertThat(sum).isCloseTo(ce + bce, within(1e-9));
        assertThat(bce).isGreaterThan(0);
        for (int i = 0; i < z.length; i++) {
            assertThat(gzSum[i]).isCloseTo(gzCe[i] + gzBce[i], within(1e-6f));
        }
        for (int i = 0; i < table.length; i++) {
            assertThat(gtSum[i]).isCloseTo(gtCe[i] + gtBce[i], within(1e-6f));
        }
    }
}

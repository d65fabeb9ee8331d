package io.lisastream.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {
    @Test
    void returnsBestFirstWithTiesByLowerIndex() {
        float[] scores = {0.5f, 2f, 2f, -1f, 3f, 0.5f};
        ScoredItems top = TopK.select(scores, 4);
        assertThat(top.items()).containsExactly(4, 1, 2, 0);
        assertThat(top.scores()).containsExactly(3f, 2f, 2f, 0.5f);
    }

    @Test
    void skipsExcludedAndNaNAndHandlesLargeK() {
        float[] scores = {1f, Float.NaN, Float.NEGATIVE_INFINITY, 4f};
        ScoredItems top = TopK.select(scores, 10);
        assertThat(top.items()).containsExactly(3, 0);
        assertThat(TopK.select(scores, 0).size()).isZero();
    }

    @Test
    void agreesWithAFullSortOnRandomScores() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 50; trial++) {
            float[] scores = new float[1 + rnd.nextInt(300)];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = rnd.nextInt(20) / 4f; // many ties
            }
            int k = rnd.nextInt(15);
            int[] expected = IntStream.range(0, scores.length).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(TopK.select(scores, k).items()).as(Arrays.toString(scores)).containsExactly(expected);
        }
    }
}

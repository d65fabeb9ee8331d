package io.lisastream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingTest {

    @Test
    void rankCountsHigherAndTiedOthers() {
        // target 0.5 at position 0: one higher (0.9), one tie (0.5), one lower (0.1)
        assertThat(Ranking.rankOf(new float[] {0.5f, 0.9f, 0.1f, 0.5f}, 0)).isEqualTo(2);
        assertThat(Ranking.rankOf(new float[] {0.1f, 0.9f, 3f, 0.5f}, 2)).isEqualTo(0);
        assertThat(Ranking.rankOf(new float[] {-1f, 0f, 0f}, 0)).isEqualTo(2);
    }

    @Test
    void tiesNeverFavourTheTarget() {
        float[] constant = new float[101];
        assertThat(Ranking.rankOf(constant, 0)).isEqualTo(100);
        assertThat(Ranking.rankOf(constant, 57)).isEqualTo(100);
        assertThat(Ranking.rankOf(new float[] {0f, -0f}, 0)).isEqualTo(1); // -0 == +0 is a tie
        assertThat(Ranking.rankOf(new float[] {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}, 0)).isEqualTo(1);
    }

    @Test
    void nanCountsAgainstTheTarget() {
        assertThat(Ranking.rankOf(new float[] {Float.NaN, 0f, -5f}, 0)).isEqualTo(2);
        assertThat(Ranking.rankOf(new float[] {1f, Float.NaN, 0f}, 0)).isEqualTo(1);
        boolean[] none = new boolean[3];
        assertThat(Ranking.fullRank(new float[] {Float.NaN, 0f, -5f}, 0, none)).isEqualTo(2);
        assertThat(Ranking.fullRank(new float[] {1f, Float.NaN, 0f}, 0, none)).isEqualTo(1);
    }

    @Test
    void fullRankSkipsExcludedItems() {
        float[] s = {0.3f, 0.9f, 0.8f, 0.3f, 0.1f, 0.7f};
        boolean[] excluded = {false, true, false, false, false, true};
        // target item 0 (0.3): item 2 higher, item 3 tied; items 1 and 5 excluded
        assertThat(Ranking.fullRank(s, 0, excluded)).isEqualTo(2);
        assertThat(Ranking.fullRank(s, 0, new boolean[6])).isEqualTo(4);
    }

    @Test
    void hitAndNdcgAtCutoffs() {
        assertThat(Ranking.hit(0, 5)).isEqualTo(1.0);
        assertThat(Ranking.hit(4, 5)).isEqualTo(1.0);
        assertThat(Ranking.hit(5, 5)).isEqualTo(0.0);
        assertThat(Ranking.ndcg(0, 10)).isEqualTo(1.0);
        assertThat(Ranking.ndcg(1, 10)).isCloseTo(1.0 / (Math.log(3) / Math.log(2)), within(1e-12));
        assertThat(Ranking.ndcg(2, 10)).isCloseTo(0.5, within(1e-12));
        assertThat(Ranking.ndcg(9, 10)).isCloseTo(Math.log(2) / Math.log(11), within(1e-12));
        assertThat(Ranking.ndcg(10, 10)).isEqualTo(0.0);
        assertThat(Ranking.ndcg(5, 5)).isEqualTo(0.0);
    }
}

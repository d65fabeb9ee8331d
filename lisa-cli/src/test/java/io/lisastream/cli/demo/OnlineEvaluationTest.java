package io.lisastream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lisastream.model.data.SequenceDataset;
import io.lisastream.operator.Recommendation;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineEvaluationTest {
    // training popularity: p1 (3 clicks) > p2 (2) > p3 (1) > ... ; every other item once
    private static final SequenceDataset TRAINING = SequenceDataset.fromLists(List.of("t1", "t2", "t3"),
            List.of(List.of("p1", "p2", "p3", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"),
                    List.of("p1", "p2"), List.of("p1")));

    private static Recommendation rec(String user, long t, String... items) {
        return new Recommendation(user, 0L, "v1", t, items, new float[items.length], 0L);
    }

    @Test
    void aHitIsTheNextClickAmongTheFirstTenRecommended() {
        OnlineEvaluation e = new OnlineEvaluation(PopularityTop.fit(TRAINING), 0);
        e.sent("u", "a", 1000);
        e.sent("u", "b", 2000);
        e.sent("u", "c", 3000);
        // after click 1 ("a"): next is "b", recommended at rank 10 -> hit
        assertThat(e.recommended(rec("u", 1, "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "b", "c"), 1500)).isTrue();
        // after click 2 ("b"): next is "c", only at rank 11 -> miss
        assertThat(e.recommended(rec("u", 2, "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "c"), 2600)).isTrue();
        // after click 3: nothing follows, not evaluated
        assertThat(e.recommended(rec("u", 3, "a"), 3100)).isTrue();

        OnlineEvaluation.Result r = e.result();
        assertThat(r.evaluated()).isEqualTo(2);
        assertThat(r.modelHr10()).isCloseTo(0.5, within(1e-9));
        assertThat(e.latencies().percentile(50)).isEqualTo(500);
        assertThat(e.latencies().percentile(100)).isEqualTo(600);
    }

    @Test
    void popularityIsScoredOnTheSamePairsWithTheSameRecentItemsExcluded() {
        OnlineEvaluation e = new OnlineEvaluation(PopularityTop.fit(TRAINING), 1);
        e.sent("u", "p1", 0);
        e.sent("u", "p1", 0);
        e.sent("u", "q9", 0);
        e.recommended(rec("u", 1, "z"), 0); // next p1: popularity's top 10 without p1 misses it
        e.recommended(rec("u", 2, "q9"), 0); // next q9: top 10 without p1 = p2,p3,q1..q8 -> miss; model hits
        OnlineEvaluation.Result r = e.result();
        assertThat(r.evaluated()).isEqualTo(2);
        assertThat(r.popularityHr10()).isEqualTo(0.0);
        assertThat(r.modelHr10()).isCloseTo(0.5, within(1e-9));

        OnlineEvaluation noExclusion = new OnlineEvaluation(PopularityTop.fit(TRAINING), 0);
        noExclusion.sent("u", "p1", 0);
        noExclusion.sent("u", "p1", 0);
        noExclusion.recommended(rec("u", 1, "z"), 0);
        assertThat(noExclusion.result().popularityHr10()).isEqualTo(1.0);
    }

    @Test
    void recommendationsForUnknownUsersOrUnsentClicksAreNotMatched() {
        OnlineEvaluation e = new OnlineEvaluation(PopularityTop.fit(TRAINING), 0);
        e.sent("u", "a", 0);
        assertThat(e.recommended(rec("someone-else", 1, "a"), 0)).isFalse();
        assertThat(e.recommended(rec("u", 2, "a"), 0)).isFalse();
        assertThat(e.result().unmatched()).isEqualTo(1);
        assertThat(e.result().evaluated()).isZero();
        assertThat(e.result().modelHr10()).isNaN();
    }

    @Test
    void popularityRanksByTrainingCountsAndSkipsExcludedItems() {
        PopularityTop top = PopularityTop.fit(TRAINING);
        assertThat(top.top(3, java.util.Set.of())).containsExactly("p1", "p2", "p3");
        assertThat(top.top(3, java.util.Set.of("p2"))).containsExactly("p1", "p3", "q1");
    }
}

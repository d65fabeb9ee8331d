package io.lisastream.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.data.SyntheticSequences;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickPlanTest {

    @Test
    void withTimestampsClicksComeInTimeOrderAndEachUserKeepsTheirOrder() {
        SequenceDataset data = SyntheticSequences.generate(50, 40, 8, 3);
        ClickPlan plan = ClickPlan.of(data);

        assertThat(plan.size()).isEqualTo(data.numInteractions());
        long previous = Long.MIN_VALUE;
        int[] nextPosition = new int[data.numUsers()];
        for (int k = 0; k < plan.size(); k++) {
            int u = plan.user(k);
            long t = data.timestamps(u)[plan.position(k)];
            assertThat(t).isGreaterThanOrEqualTo(previous);
            previous = t;
            assertThat(plan.position(k)).isEqualTo(nextPosition[u]++);
        }
        for (int u = 0; u < data.numUsers(); u++) {
            assertThat(nextPosition[u]).isEqualTo(data.length(u));
        }
    }

    @Test
    void withoutTimestampsUsersTakeTurns() {
        SequenceDataset data = SequenceDataset.fromLists(List.of("a", "b", "c"),
                List.of(List.of("1", "2", "3"), List.of("4"), List.of("5", "6")));
        ClickPlan plan = ClickPlan.of(data);
        List<String> order = new ArrayList<>();
        for (int k = 0; k < plan.size(); k++) {
            order.add(data.userId(plan.user(k)) + plan.position(k));
        }
        assertThat(order).containsExactly("a0", "b0", "c0", "a1", "c1", "a2");
    }

    @Test
    void aSubsetOfUsersSendsOnlyTheirClicks() {
        SequenceDataset data = SyntheticSequences.generate(20, 30, 5, 1);
        ClickPlan plan = ClickPlan.of(data, new int[] {2, 7});
        assertThat(plan.size()).isEqualTo(data.length(2) + data.length(7));
        for (int k = 0; k < plan.size(); k++) {
            assertThat(plan.user(k)).isIn(2, 7);
        }
    }

    @Test
    void planSourceWritesWireClicksKeyedByUser() {
        SequenceDataset data = SequenceDataset.fromLists(List.of("u1"), List.of(List.of("i1", "i2")),
                List.of(new long[] {1000L, 2000L}));
        PlanSource source = new PlanSource(ClickPlan.of(data), EventTime.DATA);
        Outgoing first = source.next(99L);
        assertThat(new String(first.key())).isEqualTo("u1");
        assertThat(new String(first.value())).isEqualTo("{\"userId\":\"u1\",\"itemId\":\"i1\",\"timestamp\":1000}");
        assertThat(first.userId()).isEqualTo("u1");
        assertThat(first.itemId()).isEqualTo("i1");

        PlanSource now = new PlanSource(ClickPlan.of(data), EventTime.NOW);
        assertThat(new String(now.next(123456L).value())).endsWith("\"timestamp\":123456}");
    }

    @Test
    void dataWithoutTimestampsNeedsEventTimeNow() {
        SequenceDataset data = SequenceDataset.fromLists(List.of("u1"), List.of(List.of("i1")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PlanSource(ClickPlan.of(data), EventTime.DATA))
                .hasMessageContaining("--event-time now");
    }
}

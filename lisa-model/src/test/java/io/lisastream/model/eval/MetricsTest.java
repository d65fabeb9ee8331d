package io.lisastream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void meansOverUsersComputedByHand() {
        // ranks 0, 2, 6, 50: hits@5 = 2 of 4, hits@10 = 3 of 4
        Metrics m = Metrics.fromRanks("sampled", new int[] {0, 2, 6, 50});
        double l2 = Math.log(2);
        assertThat(m.users()).isEqualTo(4);
        assertThat(m.hr5()).isEqualTo(0.5);
        assertThat(m.hr10()).isEqualTo(0.75);
        assertThat(m.ndcg5()).isCloseTo((1.0 + 0.5) / 4, within(1e-12));
        assertThat(m.ndcg10()).isCloseTo((1.0 + 0.5 + l2 / Math.log(8)) / 4, within(1e-12));
    }

    @Test
    void jsonHasExactlyTheContractedShape() {
        Metrics m = new Metrics("sampled", 6040, 0.5, 0.75, 0.25, 0.375);
        assertThat(m.toJson()).isEqualTo(
                "{\"protocol\":\"sampled\",\"users\":6040,\"hr@5\":0.5,\"hr@10\":0.75,\"ndcg@5\":0.25,\"ndcg@10\":0.375}");
        Metrics odd = new Metrics("full", 3, 1.0 / 3, 2.0 / 3, 1e-5, 0.0);
        assertThat(Metrics.fromJson(odd.toJson())).isEqualTo(odd);
        assertThat(Metrics.fromJson(m.toJson())).isEqualTo(m);
    }

    @Test
    void tableShowsEveryValue() {
        String t = new Metrics("full", 943, 0.01234, 0.05, 0.006, 0.02).toTable();
        assertThat(t).contains("protocol", "HR@10", "NDCG@10", "full", "943", "0.0123", "0.0500", "0.0060", "0.0200");
    }

    @Test
    void rejectsImpossibleValues() {
        assertThatThrownBy(() -> new Metrics("sampled", 1, 1.5, 0, 0, 0)).hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> new Metrics("sampled", 1, Double.NaN, 0, 0, 0)).hasMessageContaining("outside");
        assertThatThrownBy(() -> Metrics.fromRanks("sampled", new int[0])).hasMessageContaining("no users");
        assertThatThrownBy(() -> Metrics.fromJson("{\"protocol\":\"full\"}")).hasMessageContaining("lacks \"users\"");
    }
}

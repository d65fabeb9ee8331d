package io.lisastream.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamAverageTest {

    @Test
    void theAverageIsTheExponentiallyWeightedSumOfTheIterates() {
        ParamSet params = new ParamSet();
        Param w = params.add(new Param("w", 2, 3));
        Param b = params.add(new Param("b", 3));
        w.fill(1f);
        b.fill(-2f);
        double beta = 0.8;
        ParamAverage avg = new ParamAverage(beta, params);
        // iterates theta_t = t for w and -t for b, t = 1..5; avg_0 = theta_0
        double expectW = 1;
        double expectB = -2;
        for (int t = 1; t <= 5; t++) {
            w.fill(t);
            b.fill(-t);
            avg.update(params);
            expectW = beta * expectW + (1 - beta) * t;
            expectB = beta * expectB + (1 - beta) * -t;
        }
        assertThat(avg.values().get("w")).hasSize(6);
        for (float v : avg.values().get("w")) {
            assertThat((double) v).isCloseTo(expectW, offset(1e-5));
        }
        assertThat(avg.values().get("b")).hasSize(3);
        for (float v : avg.values().get("b")) {
            assertThat((double) v).isCloseTo(expectB, offset(1e-5));
        }
        // the parameters themselves are left alone
        assertThat(w.value).containsOnly(5f);
    }

    @Test
    void restoreTakesACopyAndRejectsAnAverageOfOtherParameters() {
        ParamSet params = new ParamSet();
        params.add(new Param("w", 2));
        ParamAverage avg = new ParamAverage(0.9, params);
        float[] saved = {3f, 4f};
        avg.restore(params, Map.of("w", saved));
        saved[0] = 0f;
        assertThat(avg.values().get("w")).containsExactly(3f, 4f);
        assertThatThrownBy(() -> avg.restore(params, Map.of("w", new float[3])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("w[2]");
        assertThatThrownBy(() -> avg.restore(params, Map.of("v", new float[2])))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ParamAverage(1.0, params)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParamAverage(0.0, params)).isInstanceOf(IllegalArgumentException.class);
    }
}

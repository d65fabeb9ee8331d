package io.lisastream.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdamTest {

    private static ParamSet params() {
        ParamSet ps = new ParamSet();
        ps.add(new Param("item_raw", 2, 3).fill(2f));
        ps.add(new Param("bilinear", 3, 3).fill(2f));
        ps.add(new Param("ln1_gamma", 3).fill(2f));
        return ps;
    }

    @Test
    void withoutGradientOnlyWeightDecayMovesTheParametersItCovers() {
        ParamSet ps = params();
        Adam adamW = new Adam(0.01, 0.9, 0.98, 1e-9, 0.5);
        for (int i = 0; i < 10; i++) {
            adamW.update(ps);
        }
        // theta_t = theta_0 (1 - lr wd)^t; the gradient is zero, so Adam's own step is zero
        assertThat(ps.get("item_raw").value[4]).isCloseTo((float) (2 * Math.pow(1 - 0.01 * 0.5, 10)), within(1e-6f));
        assertThat(ps.get("bilinear").value[0]).isEqualTo(2f);
        assertThat(ps.get("ln1_gamma").value[1]).isEqualTo(2f);
    }

    @Test
    void zeroWeightDecayIsPlainAdam() {
        ParamSet plain = params();
        ParamSet zero = params();
        Adam a = new Adam(0.01, 0.9, 0.98, 1e-9);
        Adam b = new Adam(0.01, 0.9, 0.98, 1e-9, 0);
        for (int step = 0; step < 5; step++) {
            for (ParamSet ps : new ParamSet[] {plain, zero}) {
                for (Param p : ps.all()) {
                    for (int i = 0; i < p.size(); i++) {
                        p.grad[i] = (float) Math.sin(step + i);
                    }
                }
            }
            a.update(plain);
            b.update(zero);
        }
        assertThat(zero.get("item_raw").value).containsExactly(plain.get("item_raw").value);
        assertThat(plain.get("item_raw").value[0]).isNotEqualTo(2f);
    }

    @Test
    void rejectsNegativeWeightDecay() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Adam(0.01, 0.9, 0.98, 1e-9, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight decay");
    }
}

package io.lisastream.bench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FastExpTest {
    @Test
    void relativeErrorIsBelowHalfAMillionthOverFloatsNormalRange() {
        double worst = 0;
        for (float x = -87f; x <= 88f; x += 0.0137f) {
            double exact = Math.exp(x);
            worst = Math.max(worst, Math.abs(FastExp.exp(x) - exact) / exact);
        }
        assertThat(worst).isLessThan(5e-7);
    }

    @Test
    void belowTheNormalRangeAndMinusInfinityGiveZero() {
        assertThat(FastExp.exp(-88f)).isZero();
        assertThat(FastExp.exp(Float.NEGATIVE_INFINITY)).isZero();
        assertThat(FastExp.exp(0f)).isEqualTo(1f);
    }
}

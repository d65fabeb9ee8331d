package io.lisastream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class SpreadTest {
    @Test
    void meanSampleStandardDeviationAndRange() {
        Spread s = Spread.of(new double[] {0.80, 0.82, 0.81, 0.83});
        assertThat(s.n()).isEqualTo(4);
        assertThat(s.mean()).isCloseTo(0.815, offset(1e-12));
        // squares: 0.015^2 + 0.005^2 + 0.005^2 + 0.015^2 = 5e-4; / 3
        assertThat(s.sd()).isCloseTo(Math.sqrt(5e-4 / 3), offset(1e-12));
        assertThat(s.min()).isEqualTo(0.80);
        assertThat(s.max()).isEqualTo(0.83);
        assertThat(Spread.of(new double[] {0.5}).sd()).isZero();
        assertThatThrownBy(() -> Spread.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}

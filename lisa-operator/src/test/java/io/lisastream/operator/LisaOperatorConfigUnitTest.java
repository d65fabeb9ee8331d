package io.lisastream.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class LisaOperatorConfigUnitTest {
    @Test
    void defaultsAreSensibleAndTheConfigSerializes() throws Exception {
        LisaOperatorConfig c = LisaOperatorConfig.defaults();
        assertThat(c.topK()).isEqualTo(10);
        assertThat(c.ringSize()).isEqualTo(200);
        assertThat(c.excludeRecent()).isEqualTo(50);
        assertThat(c.hasStateTtl()).isTrue();
        assertThat(c.allowedModelRoots()).isEmpty();
        LisaOperatorConfig custom = c.withAllowedModelRoots("file:///m").withStateTtl(Duration.ZERO).withTopK(3);
        assertThat(custom.hasStateTtl()).isFalse();
        assertThat(InstantiationUtil.clone(custom)).isEqualTo(custom);
        assertThat(InstantiationUtil.clone(new LisaRecommendFunction(custom)).config()).isEqualTo(custom);
        assertThat(c.withRingSize(20).excludeRecent()).as("exclusion follows a smaller ring").isEqualTo(20);
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> LisaOperatorConfig.defaults().withTopK(0)).hasMessageContaining("topK");
        assertThatThrownBy(() -> LisaOperatorConfig.defaults().withRingSize(0)).hasMessageContaining("ringSize");
        assertThatThrownBy(() -> LisaOperatorConfig.defaults().withExcludeRecent(201)).hasMessageContaining("excludeRecent");
        assertThatThrownBy(() -> LisaOperatorConfig.defaults().withExcludeRecent(-1)).hasMessageContaining("excludeRecent");
        assertThatThrownBy(() -> LisaOperatorConfig.defaults().withStateTtl(Duration.ofSeconds(-1)))
                .hasMessageContaining("stateTtl");
    }
}

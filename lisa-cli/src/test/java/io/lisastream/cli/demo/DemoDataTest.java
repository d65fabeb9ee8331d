package io.lisastream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    @Test
    void heldOutUsersAreNotTrainedOnAndTheSplitIsReproducible() {
        DemoData d = DemoData.synthetic(300, 50, 6, 11, 40);
        assertThat(d.heldOut()).hasSize(40).isSorted();
        assertThat(d.training().numUsers()).isEqualTo(260);
        Set<String> trained = new HashSet<>(d.training().userIds());
        for (int u : d.heldOut()) {
            assertThat(trained).doesNotContain(d.all().userId(u));
            assertThat(d.all().length(u)).isGreaterThanOrEqualTo(2);
        }
        assertThat(d.training().numInteractions() + d.heldOutClicks()).isEqualTo(d.all().numInteractions());
        assertThat(DemoData.synthetic(300, 50, 6, 11, 40).heldOut()).containsExactly(d.heldOut());
        assertThat(d.training().hasTimestamps()).isTrue();
    }

    @Test
    void holdingOutTooManyUsersIsRefused() {
        assertThatThrownBy(() -> DemoData.synthetic(30, 20, 5, 1, 25)).hasMessageContaining("cannot hold out 25");
        assertThatThrownBy(() -> DemoData.synthetic(30, 20, 5, 1, 0)).hasMessageContaining("--holdout-users");
    }
}

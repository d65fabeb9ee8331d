package io.lisastream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {

    @Test
    void distinctNegativesOutsideTheUsersItems() {
        int[] seen = {3, 7, 7, 11, 0};
        for (int user = 0; user < 50; user++) {
            int[] neg = NegativeSampler.sample(300, seen, 100, 42L, user);
            assertThat(neg).hasSize(100).doesNotContain(3, 7, 11, 0);
            assertThat(Arrays.stream(neg).distinct().count()).isEqualTo(100);
            assertThat(Arrays.stream(neg).allMatch(i -> i >= 0 && i < 300)).isTrue();
        }
    }

    @Test
    void sameSeedAndUserGiveTheSameNegatives() {
        int[] seen = {1, 2, 3};
        assertThat(NegativeSampler.sample(1000, seen, 100, 42L, 5))
                .isEqualTo(NegativeSampler.sample(1000, seen, 100, 42L, 5));
        assertThat(NegativeSampler.sample(1000, seen, 100, 42L, 5))
                .isNotEqualTo(NegativeSampler.sample(1000, seen, 100, 42L, 6))
                .isNotEqualTo(NegativeSampler.sample(1000, seen, 100, 43L, 5));
    }

    @Test
    void nearlyExhaustedCatalogueStillSamplesUniformlyWithoutReplacement() {
        // 150 items, 40 seen: 110 free < 2 * 100, the explicit-complement branch
        int[] seen = new int[40];
        for (int k = 0; k < 40; k++) {
            seen[k] = 3 * k;
        }
        Set<Integer> seenSet = new HashSet<>();
        for (int s : seen) {
            seenSet.add(s);
        }
        int[] hits = new int[150];
        int trials = 2000;
        for (int user = 0; user < trials; user++) {
            int[] neg = NegativeSampler.sample(150, seen, 100, 1L, user);
            assertThat(Arrays.stream(neg).distinct().count()).isEqualTo(100);
            for (int i : neg) {
                assertThat(seenSet).doesNotContain(i);
                hits[i]++;
            }
        }
        // each free item is in a sample with probability 100/110: expect 1818 of 2000, sd ~13
        for (int i = 0; i < 150; i++) {
            if (!seenSet.contains(i)) {
                assertThat(hits[i]).isBetween(1740, 1900);
            }
        }
    }

    @Test
    void rejectionBranchIsUniformToo() {
        int[] hits = new int[400];
        int[] seen = {0, 1, 2, 3};
        for (int user = 0; user < 4000; user++) {
            for (int i : NegativeSampler.sample(400, seen, 100, 9L, user)) {
                hits[i]++;
            }
        }
        // probability 100/396 per free item: expect ~1010 of 4000, sd ~27
        for (int i = 4; i < 400; i++) {
            assertThat(hits[i]).isBetween(880, 1140);
        }
    }

    @Test
    void tooFewFreeItemsIsAClearError() {
        assertThatThrownBy(() -> NegativeSampler.sample(102, new int[] {0, 1, 2}, 100, 1L, 17))
                .hasMessageContaining("user index 17 interacted with 3 of 102 items: fewer than 100 left");
    }
}

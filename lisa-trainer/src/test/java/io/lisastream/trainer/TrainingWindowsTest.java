package io.lisastream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.trainer.nn.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingWindowsTest {
    // user a: 12 items (10 for training), user b: 4 items (2 for training)
    private static final LeaveOneOut SPLIT = LeaveOneOut.split(SequenceDataset.fromLists(List.of("a", "b"),
            List.of(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"),
                    List.of("20", "21", "22", "23"))));

    @Test
    void byDefaultOnlyTheLastWindowOfALongSequenceIsTrained() {
        TrainingWindows w = new TrainingWindows(SPLIT, 4);
        assertThat(w.users()).isEqualTo(2);
        assertThat(w.positions()).isEqualTo(4 + 1);
        assertThat(pairs(w)).containsExactlyInAnyOrder("6>7", "7>8", "8>9", "9>10", "20>21");
    }

    @Test
    void allWindowsMakesEveryTrainingItemButTheFirstATargetExactlyOnce() {
        TrainingWindows w = new TrainingWindows(SPLIT, 4, true);
        // user a: inputs 1..9 in windows [6..9], [2..5], [1]; user b: [20]
        assertThat(w.users()).isEqualTo(4);
        assertThat(w.positions()).isEqualTo(9 + 1);
        assertThat(pairs(w)).containsExactlyInAnyOrder("1>2", "2>3", "3>4", "4>5", "5>6", "6>7", "7>8", "8>9", "9>10",
                "20>21");
        for (Batch b : w.epoch(8, new SplittableRandom(1))) {
            assertThat(b.len()).isLessThanOrEqualTo(4);
        }
    }

    /** Every (input, target) pair of one epoch, as external ids "in>target". */
    private static List<String> pairs(TrainingWindows w) {
        SequenceDataset data = SPLIT.dataset();
        List<String> out = new ArrayList<>();
        for (Batch b : w.epoch(3, new SplittableRandom(7))) {
            for (int p = 0; p < b.positions(); p++) {
                if (b.targets()[p] >= 0) {
                    out.add(data.itemId(b.items()[p]) + ">" + data.itemId(b.targets()[p]));
                }
            }
        }
        return out;
    }
}

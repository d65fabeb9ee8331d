package io.lisastream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.model.data.SequenceDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaveOneOutTest {
    // items by first appearance: a=0 b=1 c=2 d=3 e=4
    private final SequenceDataset data = SequenceDataset.fromLists(List.of("one", "two", "three", "five"),
            List.of(List.of("a"), List.of("a", "b"), List.of("c", "a", "b"), List.of("d", "e", "a", "e", "c")));
    private final LeaveOneOut split = LeaveOneOut.split(data);

    @Test
    void lastIsTestSecondToLastIsValidationRestIsTraining() {
        assertThat(split.train(3)).containsExactly(3, 4, 0);
        assertThat(split.validationTarget(3)).isEqualTo(4);
        assertThat(split.testTarget(3)).isEqualTo(2);
        assertThat(split.history(3, Target.VALIDATION)).containsExactly(3, 4, 0);
        assertThat(split.history(3, Target.TEST)).containsExactly(3, 4, 0, 4);
        assertThat(split.target(3, Target.TEST)).isEqualTo(2);
        assertThat(split.target(3, Target.VALIDATION)).isEqualTo(4);

        assertThat(split.train(2)).containsExactly(2);
        assertThat(split.validationTarget(2)).isEqualTo(0);
        assertThat(split.testTarget(2)).isEqualTo(1);
        assertThat(split.history(2, Target.VALIDATION)).containsExactly(2);
    }

    @Test
    void usersWithFewerThanThreeInteractionsOnlyTrain() {
        assertThat(split.evaluatedUsers()).containsExactly(2, 3);
        assertThat(split.numEvaluated()).isEqualTo(2);
        assertThat(split.isEvaluated(1)).isFalse();
        assertThat(split.train(0)).containsExactly(0);
        assertThat(split.train(1)).containsExactly(0, 1);
        assertThat(split.testTarget(1)).isEqualTo(-1);
        assertThat(split.validationTarget(0)).isEqualTo(-1);
        assertThatThrownBy(() -> split.history(1, Target.TEST)).hasMessageContaining("user two has fewer than 3");
    }

    @Test
    void interactedCoversTheWholeSequence() {
        assertThat(split.interacted(3)).containsExactly(3, 4, 0, 4, 2);
        assertThat(split.numItems()).isEqualTo(5);
        assertThat(split.numUsers()).isEqualTo(4);
    }
}

package io.lisastream.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceDatasetTest {

    @Test
    void indicesFollowFirstAppearanceAndSequencesKeepOrder() {
        SequenceDataset d = SequenceDataset.fromLists(List.of("alice", "bob"),
                List.of(List.of("m9", "m3", "m9"), List.of("m3", "m1")));

        assertThat(d.numUsers()).isEqualTo(2);
        assertThat(d.numItems()).isEqualTo(3);
        assertThat(d.numInteractions()).isEqualTo(5);
        assertThat(d.itemIds()).containsExactly("m9", "m3", "m1");
        assertThat(d.userId(1)).isEqualTo("bob");
        assertThat(d.indexOfUser("bob")).isEqualTo(1);
        assertThat(d.sequence(0)).containsExactly(0, 1, 0);
        assertThat(d.sequence(1)).containsExactly(1, 2);
        assertThat(d.indexOfItem("m1")).isEqualTo(2);
        assertThat(d.indexOfItem("nope")).isEqualTo(-1);
        assertThat(d.timestamps(0)).isNull();
        assertThat(d.hasTimestamps()).isFalse();
        assertThat(d.sha256()).isNull();
    }

    @Test
    void returnedArraysAreCopies() {
        SequenceDataset d = SequenceDataset.fromLists(List.of("u"), List.of(List.of("a", "b")),
                List.of(new long[] {1L, 2L}));
        d.sequence(0)[0] = 1;
        d.timestamps(0)[0] = 99L;
        assertThat(d.sequence(0)).containsExactly(0, 1);
        assertThat(d.timestamps(0)).containsExactly(1L, 2L);
    }

    @Test
    void rejectsInputThatBreaksTheInvariants() {
        assertThatThrownBy(() -> SequenceDataset.fromLists(List.of("u", "u"), List.of(List.of("a"), List.of("b"))))
                .hasMessageContaining("duplicate user id 'u'");
        assertThatThrownBy(() -> SequenceDataset.fromLists(List.of("u"), List.of(List.of())))
                .hasMessageContaining("'u' has no interactions");
        assertThatThrownBy(() -> SequenceDataset.fromLists(List.of("u"), List.of(List.of("a", "b")),
                List.of(new long[] {5L, 4L})))
                .hasMessageContaining("not in chronological order");
        assertThatThrownBy(() -> SequenceDataset.fromLists(List.of("u"), List.of(List.of("a", "b")),
                List.of(new long[] {5L})))
                .hasMessageContaining("1 timestamps for 2 items");
        assertThatThrownBy(() -> SequenceDataset.fromLists(List.of("u"), List.of(List.of("a", ""))))
                .hasMessageContaining("empty item id");
    }
}

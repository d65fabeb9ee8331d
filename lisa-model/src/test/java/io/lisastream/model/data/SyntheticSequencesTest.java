package io.lisastream.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticSequencesTest {
    @TempDir
    Path dir;

    @Test
    void sameArgumentsGiveTheSameDataset() {
        SequenceDataset a = SyntheticSequences.generate(200, 300, 20, 7L);
        SequenceDataset b = SyntheticSequences.generate(200, 300, 20, 7L);
        SequenceDataset c = SyntheticSequences.generate(200, 300, 20, 8L);
        assertThat(a.sameContent(b)).isTrue();
        assertThat(a.sameContent(c)).isFalse();
    }

    @Test
    void lengthsVaryAroundTheMeanAndTimestampsAdvance() {
        SequenceDataset d = SyntheticSequences.generate(2000, 500, 25, 1L);
        assertThat(d.numUsers()).isEqualTo(2000);
        assertThat(d.numItems()).isLessThanOrEqualTo(500).isGreaterThan(400);
        Set<Integer> lengths = new HashSet<>();
        for (int u = 0; u < d.numUsers(); u++) {
            assertThat(d.length(u)).isGreaterThanOrEqualTo(SyntheticSequences.MIN_LENGTH);
            lengths.add(d.length(u));
            long[] t = d.timestamps(u);
            for (int j = 1; j < t.length; j++) {
                assertThat(t[j] - t[j - 1]).isBetween(10_000L, 600_000L);
            }
        }
        assertThat(lengths.size()).isGreaterThan(30);
        double mean = (double) d.numInteractions() / d.numUsers();
        assertThat(mean).isBetween(23.0, 27.0);
    }

    @Test
    void writtenFilesReadBackToTheSameDataset() {
        SequenceDataset d = SyntheticSequences.generate(50, 100, 10, 3L);
        Path csv = dir.resolve("syn.csv");
        DatasetWriter.writeCsv(d, csv);
        assertThat(DatasetReader.read(csv).sameContent(d)).isTrue();

        Path txt = dir.resolve("syn.txt");
        DatasetWriter.writeSasrec(d, txt);
        SequenceDataset back = DatasetReader.read(txt);
        assertThat(back.hasTimestamps()).isFalse();
        assertThat(back.itemIds()).isEqualTo(d.itemIds());
        for (int u = 0; u < d.numUsers(); u++) {
            assertThat(back.sequence(u)).isEqualTo(d.sequence(u));
        }
    }
}

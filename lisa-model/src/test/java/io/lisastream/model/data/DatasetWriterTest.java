package io.lisastream.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesTheDocumentedLayouts() throws Exception {
        SequenceDataset d = SequenceDataset.fromLists(List.of("u1", "u2"), List.of(List.of("a", "b"), List.of("b")),
                List.of(new long[] {1000L, 2000L}, new long[] {1500L}));
        Path txt = dir.resolve("d.txt");
        Path csv = dir.resolve("d.csv");
        DatasetWriter.writeSasrec(d, txt);
        DatasetWriter.writeCsv(d, csv);
        assertThat(Files.readString(txt)).isEqualTo("u1 a\nu1 b\nu2 b\n");
        assertThat(Files.readString(csv)).isEqualTo("user,item,timestamp_ms\nu1,a,1000\nu1,b,2000\nu2,b,1500\n");
        assertThat(DatasetReader.read(csv).sameContent(d)).isTrue();
    }

    @Test
    void refusesIdsTheFormatCannotHold() {
        SequenceDataset spaced = SequenceDataset.fromLists(List.of("u 1"), List.of(List.of("a")));
        assertThatThrownBy(() -> DatasetWriter.writeSasrec(spaced, dir.resolve("x.txt")))
                .hasMessageContaining("user id 'u 1' contains whitespace");
        SequenceDataset comma = SequenceDataset.fromLists(List.of("u"), List.of(List.of("a,b")),
                List.of(new long[] {1L}));
        assertThatThrownBy(() -> DatasetWriter.writeCsv(comma, dir.resolve("x.csv")))
                .hasMessageContaining("item id 'a,b' contains a comma");
        SequenceDataset untimed = SequenceDataset.fromLists(List.of("u"), List.of(List.of("a")));
        assertThatThrownBy(() -> DatasetWriter.writeCsv(untimed, dir.resolve("y.csv")))
                .hasMessageContaining("has no timestamps");
        assertThat(dir.resolve("x.txt")).doesNotExist();
    }
}

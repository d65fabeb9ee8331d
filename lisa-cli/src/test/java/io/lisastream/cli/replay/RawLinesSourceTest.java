package io.lisastream.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawLinesSourceTest {
    @TempDir
    Path dir;

    @Test
    void everyLineIsOneRecordAsItIsWithoutItsTerminator() throws Exception {
        Path file = dir.resolve("e.jsonl");
        String valid = "{\"userId\":\"7\",\"itemId\":\"3\",\"timestamp\":5}";
        Files.write(file, (valid + "\r\n" + "not json\n" + "\n" + "{\"userId\":\"8\"}").getBytes(StandardCharsets.UTF_8));

        List<Outgoing> records = new ArrayList<>();
        try (RawLinesSource source = new RawLinesSource(file)) {
            assertThat(source.size()).isEqualTo(4);
            while (source.hasNext()) {
                records.add(source.next(System.currentTimeMillis()));
            }
            assertThat(source.malformedSoFar()).isEqualTo(3);
        }
        assertThat(records).hasSize(4);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(valid);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("7");
        assertThat(records.get(0).userId()).isEqualTo("7");
        assertThat(records.get(0).itemId()).isEqualTo("3");
        assertThat(new String(records.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(records.get(1).key()).isNull();
        assertThat(records.get(1).userId()).isNull();
        assertThat(records.get(2).value()).isEmpty();
        assertThat(new String(records.get(3).value(), StandardCharsets.UTF_8)).isEqualTo("{\"userId\":\"8\"}");
    }

    @Test
    void aTrailingNewlineDoesNotMakeAnExtraRecord() throws Exception {
        Path file = dir.resolve("two.jsonl");
        Files.writeString(file, "a\nb\n");
        assertThat(RawLinesSource.countLines(file)).isEqualTo(2);
        Files.writeString(file, "");
        assertThat(RawLinesSource.countLines(file)).isZero();
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> new RawLinesSource(dir.resolve("nope.jsonl")))
                .hasMessageContaining("no such file").hasMessageContaining("nope.jsonl");
    }
}

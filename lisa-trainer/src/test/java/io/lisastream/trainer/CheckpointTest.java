package io.lisastream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.trainer.nn.Adam;
import io.lisastream.trainer.nn.Param;
import io.lisastream.trainer.nn.ParamSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path tmp;

    private static ParamSet params() {
        ParamSet ps = new ParamSet();
        ps.add(new Param("w", 2, 2)).fill(0.5f);
        return ps;
    }

    @Test
    void theParameterAverageRoundTrips() throws IOException {
        ParamSet ps = params();
        Map<String, float[]> average = Map.of("w", new float[] {1, 2, 3, 4});
        Checkpoint.capture("fp", 3, ps, new Adam(1e-3, 0.9, 0.98, 1e-9), average, null, 0, 0.5, 0.25, 1, List.of())
                .write(tmp);
        Checkpoint c = Checkpoint.read(tmp);
        assertThat(c.average.get("w")).containsExactly(1, 2, 3, 4);
        assertThat(c.params.get("w")).containsOnly(0.5f);
        assertThat(c.epoch).isEqualTo(3);

        Checkpoint.capture("fp", 3, ps, new Adam(1e-3, 0.9, 0.98, 1e-9), null, null, 0, 0.5, 0.25, 1, List.of())
                .write(tmp);
        assertThat(Checkpoint.read(tmp).average).isNull();
    }

    @Test
    void aCheckpointOfTheFirstFormatStillReads() throws IOException {
        // version 1 ended after the best parameters; version 2 appends the average (an empty map: 4 bytes)
        Checkpoint.capture("fp", 2, params(), new Adam(1e-3, 0.9, 0.98, 1e-9), null, null, 0, 0.5, 0.25, 1,
                List.of()).write(tmp);
        Path file = tmp.resolve(Checkpoint.FILE);
        byte[] v2 = Files.readAllBytes(file);
        byte[] v1 = Arrays.copyOf(v2, v2.length - 4);
        ByteBuffer.wrap(v1).putInt(4, 1);
        Files.write(file, v1);
        Checkpoint c = Checkpoint.read(tmp);
        assertThat(c.epoch).isEqualTo(2);
        assertThat(c.average).isNull();
        assertThat(c.params.get("w")).containsOnly(0.5f);

        ByteBuffer.wrap(v1).putInt(4, 9);
        Files.write(file, v1);
        assertThatThrownBy(() -> Checkpoint.read(tmp)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a lisa-trainer checkpoint");
    }
}

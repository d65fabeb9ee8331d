package io.lisastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lisa bench: the commands run on tiny sizes and write their JSON and PNG; bad options fail clearly. */
class BenchCommandsTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;

    @Test
    void attentionWritesJsonAndChart() throws Exception {
        Path json = dir.resolve("a.json");
        Path chart = dir.resolve("a.png");
        CliRun run = CliRun.of("bench", "attention", "--lengths", "16,40", "--seconds", "0.05", "--max-reps", "1",
                "--json", json.toString(), "--chart", chart.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("lisa-base").contains("lisa-mini");
        JsonNode results = new ObjectMapper().readTree(json.toFile()).get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("speedup").isNumber()).isTrue();
        assertThat(Files.readAllBytes(chart)).startsWith(PNG);
    }

    @Test
    void scoringWritesJsonAndChart() throws Exception {
        Path json = dir.resolve("s.json");
        Path chart = dir.resolve("s.png");
        CliRun run = CliRun.of("bench", "scoring", "--items", "40,300", "--seconds", "0.05", "--json", json.toString(),
                "--chart", chart.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(json.toFile()).get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(1).get("items").asInt()).isEqualTo(300);
        assertThat(results.get(1).get("codesUs").asDouble()).isPositive();
        assertThat(Files.readAllBytes(chart)).startsWith(PNG);
    }

    @Test
    void badOptionsFailWithTheirName() {
        CliRun lengths = CliRun.of("bench", "attention", "--lengths", "0");
        assertThat(lengths.exitCode()).isEqualTo(1);
        assertThat(lengths.err()).contains("--lengths values must be positive");
        CliRun variants = CliRun.of("bench", "stream", "--variants", "bert4rec");
        assertThat(variants.exitCode()).isEqualTo(1);
        assertThat(variants.err()).contains("bert4rec");
        CliRun paths = CliRun.of("bench", "stream", "--paths", "http");
        assertThat(paths.exitCode()).isEqualTo(1);
        assertThat(paths.err()).contains("--paths");
    }
}

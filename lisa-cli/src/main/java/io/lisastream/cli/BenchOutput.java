package io.lisastream.cli;

import io.lisastream.bench.report.Json;
import io.lisastream.bench.report.Machine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every {@code lisa bench} command shares: where the JSON and the chart go. */
final class BenchOutput {
    @Option(names = "--json", paramLabel = "OUT", description = "Write {\"results\":[...]} here.")
    Path json;

    @Option(names = "--chart", paramLabel = "OUT", description = "Write a PNG chart here.")
    Path chart;

    void writeJson(List<?> results) throws IOException {
        if (json != null) {
            Json.write(json, results);
            System.err.println("wrote " + json);
        }
    }

    /** One line naming the machine, for chart subtitles. */
    static String machineLine() {
        Map<String, Object> m = Machine.describe();
        return m.get("cpu") + ", " + m.get("cores") + " cores, " + m.get("java") + ", load " + m.get("loadAverage");
    }

    static int[] positive(String option, List<Integer> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(option + " needs at least one value");
        }
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (values.get(i) <= 0) {
                throw new IllegalArgumentException(option + " values must be positive, got " + values.get(i));
            }
            out[i] = values.get(i);
        }
        return out;
    }
}

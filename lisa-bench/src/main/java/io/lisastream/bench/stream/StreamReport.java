package io.lisastream.bench.stream;

import io.lisastream.bench.report.Charts;
import io.lisastream.bench.report.Charts.Panel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The stream benchmark's table (stdout) and chart (events/s, p99 latency and state bytes against L). */
public final class StreamReport {
    private StreamReport() {
    }

    public static String table(List<StreamResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %7s %-9s %11s %8s %8s %11s %11s %11s %6s %10s%n", "variant", "L",
                "path", "events/s", "p50 ms", "p99 ms", "at events/s", "state B/usr", "value B", "cores", "ev/cpu-s"));
        for (StreamResult r : results) {
            sb.append(String.format(Locale.ROOT, "%-10s %7d %-9s %11.0f %8.0f %8.0f %11.0f %11d %11d %6.2f %10.0f%n",
                    r.variant(), r.history(), r.path(), r.eventsPerSec(), r.p50Ms(), r.p99Ms(), r.latencyRate(),
                    r.stateBytesPerUser(), r.stateValueBytes(), r.cpuCores(), r.eventsPerCpuSecond()));
        }
        return sb.toString();
    }

    public static void chart(List<StreamResult> results, Path out, String machine) throws IOException {
        Panel rate = Panel.of("events/s (operator: max sustained)", true);
        Panel perCpu = Panel.of("events per CPU-second", true);
        Panel p99 = Panel.of("p99 event-to-recommendation (ms)", true);
        Panel state = Panel.of("state bytes per user", true);
        for (StreamResult r : results) {
            String name = r.variant() + (r.path().equals("operator") ? "" : " via Kafka");
            rate.add(name, r.history(), r.eventsPerSec());
            perCpu.add(name, r.history(), r.eventsPerCpuSecond());
            p99.add(name, r.history(), Math.max(r.p99Ms(), 0.5));
            if (r.path().equals("operator")) {
                state.add(r.variant(), r.history(), r.stateBytesPerUser());
            }
        }
        Charts.write(out, "Streaming: the pipeline's Flink job (RocksDB, checkpoints), users with L past clicks", machine,
                "history length L (clicks per user)", true, List.of(rate, perCpu, p99, state), 900, 1150);
    }
}

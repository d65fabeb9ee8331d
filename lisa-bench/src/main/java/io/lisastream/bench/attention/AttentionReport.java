package io.lisastream.bench.attention;

import io.lisastream.bench.report.Charts;
import io.lisastream.bench.report.Charts.Panel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The attention benchmark's table (stdout) and chart (time and memory against L, log-log). */
public final class AttentionReport {
    private AttentionReport() {
    }

    public static String table(List<AttentionResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%7s %-10s %10s %11s %11s %8s %8s %10s %12s %8s%n", "L", "variant",
                "lisa ms", "vanilla ms", "online ms", "speedup", "(cpu)", "lisa MiB", "vanilla MiB", "memory"));
        for (AttentionResult r : results) {
            sb.append(String.format(Locale.ROOT, "%7d %-10s %10.2f %11s %11.2f %8s %8s %10.2f %12s %8s%n", r.length(),
                    r.variant(), r.lisaMs(), fmt(r.vanillaMs()), r.efficientMs(), fmt(r.speedup()),
                    r.vanillaCpuMs() == null ? "-" : fmt(r.vanillaCpuMs() / r.lisaCpuMs()), r.lisaBytes() / 1048576.0,
                    r.vanillaBytes() == null ? "-" : fmt(r.vanillaBytes() / 1048576.0), fmt(r.memoryRatio())));
        }
        return sb.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    public static void chart(List<AttentionResult> results, Path out, String machine) throws IOException {
        Panel time = Panel.of("forward time (ms, wall)", true);
        Panel cpu = Panel.of("forward time (ms, thread CPU)", true);
        Panel memory = Panel.of("heap allocated per forward (MiB)", true);
        for (AttentionResult r : results) {
            time.add(r.variant(), r.length(), r.lisaMs());
            cpu.add(r.variant(), r.length(), r.lisaCpuMs());
            memory.add(r.variant(), r.length(), r.lisaBytes() / 1048576.0);
        }
        for (AttentionResult r : results) {
            if (r.variant().equals(results.get(0).variant())) {
                if (r.vanillaMs() != null) {
                    time.add("vanilla (L x L scores)", r.length(), r.vanillaMs());
                    cpu.add("vanilla (L x L scores)", r.length(), r.vanillaCpuMs());
                    memory.add("vanilla (L x L scores)", r.length(), r.vanillaBytes() / 1048576.0);
                }
                time.add("vanilla (online softmax)", r.length(), r.efficientMs());
                cpu.add("vanilla (online softmax)", r.length(), r.efficientCpuMs());
                memory.add("vanilla (online softmax)", r.length(), r.efficientBytes() / 1048576.0);
            }
        }
        Charts.write(out, "One attention block over a whole sequence (D = 128, causal, 1 thread)", machine,
                "sequence length L", true, List.of(time, cpu, memory), 900, 1050);
    }
}

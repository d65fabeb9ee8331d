package io.lisastream.bench.scoring;

import io.lisastream.bench.report.Charts;
import io.lisastream.bench.report.Charts.Panel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The scoring benchmark's table (stdout) and chart (time per request and table bytes against N). */
public final class ScoringReport {
    private ScoringReport() {
    }

    public static String table(List<ScoringResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%9s %10s %11s %8s %9s %10s %10s %11s %7s %6s%n", "items", "codes us",
                "dense us", "speedup", "(cpu)", "codes p99", "codes MiB", "dense MiB", "memory", "agree"));
        for (ScoringResult r : results) {
            sb.append(String.format(Locale.ROOT, "%9d %10.1f %11.1f %8.2f %9.2f %10.1f %10.2f %11.2f %7.1f %6.2f%n",
                    r.items(), r.codesUs(), r.denseUs(), r.speedup(), r.denseCpuUs() / r.codesCpuUs(), r.codesP99Us(),
                    r.codesBytes() / 1048576.0, r.denseBytes() / 1048576.0, r.memoryRatio(), r.agreement()));
        }
        return sb.toString();
    }

    public static void chart(List<ScoringResult> results, Path out, String machine) throws IOException {
        Panel time = Panel.of("top-10 per request (ms, median wall)", true);
        Panel cpu = Panel.of("top-10 per request (ms, median CPU)", true);
        Panel bytes = Panel.of("item table (MiB)", true);
        for (ScoringResult r : results) {
            time.add("codes (8 x 128, LISA-Base)", r.items(), r.codesUs() / 1e3);
            time.add("dense (128 floats)", r.items(), r.denseUs() / 1e3);
            cpu.add("codes (8 x 128, LISA-Base)", r.items(), r.codesCpuUs() / 1e3);
            cpu.add("dense (128 floats)", r.items(), r.denseCpuUs() / 1e3);
            bytes.add("codes (8 x 128, LISA-Base)", r.items(), r.codesBytes() / 1048576.0);
            bytes.add("dense (128 floats)", r.items(), r.denseBytes() / 1048576.0);
        }
        Charts.write(out, "Top-10 over the catalogue: code tables vs dense dot products (1 thread)", machine,
                "catalogue size N (items)", true, List.of(time, cpu, bytes), 900, 950);
    }
}

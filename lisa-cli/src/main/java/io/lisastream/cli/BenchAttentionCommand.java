package io.lisastream.cli;

import io.lisastream.bench.attention.AttentionBenchmark;
import io.lisastream.bench.attention.AttentionReport;
import io.lisastream.bench.attention.AttentionResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lisa bench attention}: LISA against vanilla softmax attention over whole sequences. */
@Command(name = "attention", mixinStandardHelpOptions = true,
        description = {"One block's attention forward over all L causal positions of a sequence, D = 128, one thread:",
            "LISA-Base (8x128) and LISA-Mini (8x16) against vanilla softmax attention with the L x L score",
            "matrix (the paper's baseline) and an online-softmax vanilla without it. Wall and CPU time (median of",
            "interleaved runs) and heap bytes allocated per forward (= peak working set)."})
final class BenchAttentionCommand implements Callable<Integer> {
    @Option(names = "--lengths", split = ",", defaultValue = "128,512,2048,8192,16384", paramLabel = "L,L,...",
            description = "Sequence lengths (default: ${DEFAULT-VALUE}).")
    List<Integer> lengths;

    @Option(names = "--seconds", defaultValue = "20", paramLabel = "S",
            description = "Time budget of the repeated runs per length (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--max-reps", defaultValue = "15", paramLabel = "N",
            description = "At most this many reported runs per kernel and length (default: ${DEFAULT-VALUE}).")
    int maxReps;

    @Option(names = "--seed", defaultValue = "42", description = "Random weights and codes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BenchOutput output;

    @Override
    public Integer call() throws Exception {
        if (seconds <= 0 || maxReps <= 0) {
            throw new IllegalArgumentException("--seconds and --max-reps must be positive");
        }
        int[] ls = BenchOutput.positive("--lengths", lengths);
        List<AttentionResult> results = new AttentionBenchmark(128, seconds, maxReps, seed).run(ls);
        System.out.print(AttentionReport.table(results));
        output.writeJson(results);
        if (output.chart != null) {
            AttentionReport.chart(results, output.chart, BenchOutput.machineLine());
            System.err.println("wrote " + output.chart);
        }
        return 0;
    }
}

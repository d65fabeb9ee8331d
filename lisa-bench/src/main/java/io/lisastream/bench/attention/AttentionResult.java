package io.lisastream.bench.attention;

/**
 * One LISA variant against vanilla attention at one sequence length, measured in the same run.
 * Times are medians over {@code reps} interleaved runs; bytes are heap bytes allocated by one forward
 * (= its peak working set, see {@link io.lisastream.bench.report.Measure}). "vanilla" materialises the
 * L x L scores (the paper's baseline); "efficient" is the online-softmax vanilla without that matrix.
 * The *CpuMs fields are the same medians in thread CPU time (robust to other processes taking the
 * cores). Null fields: the materialised vanilla was skipped because its L x L matrix does not fit the heap.
 */
public record AttentionResult(
        int length,
        String variant,
        double lisaMs,
        Double vanillaMs,
        Double speedup,
        long lisaBytes,
        Long vanillaBytes,
        Double memoryRatio,
        double efficientMs,
        double speedupVsEfficient,
        long efficientBytes,
        double memoryRatioVsEfficient,
        int codebooks,
        int codewords,
        int dim,
        int reps,
        double lisaCpuMs,
        Double vanillaCpuMs,
        double efficientCpuMs) {
}

package io.lisastream.bench.attention;

import io.lisastream.bench.report.Measure;
import io.lisastream.bench.report.Measure.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lisa bench attention}: one block's attention forward over a whole sequence of length L
 * (all L causal positions), D = 128, single-threaded, for LISA-Base (8 x 128), LISA-Mini (8 x 16),
 * vanilla softmax attention with the L x L matrix, and the online-softmax vanilla. At each length
 * the four run interleaved in the same process, so every ratio compares runs made side by side.
 */
public final class AttentionBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(AttentionBenchmark.class);

    /** A LISA variant's shape. */
    public record Variant(String name, int codebooks, int codewords) {
    }

    public static final List<Variant> VARIANTS = List.of(new Variant("lisa-base", 8, 128), new Variant("lisa-mini", 8, 16));

    private final int d;
    private final double secondsPerLength;
    private final int maxReps;
    private final long seed;

    /**
     * @param secondsPerLength time budget of the repeated runs per length (each kernel runs at
     *                         least twice: a first, unreported run at that length, then at least one
     *                         reported run, at most {@code maxReps})
     */
    public AttentionBenchmark(int d, double secondsPerLength, int maxReps, long seed) {
        this.d = d;
        this.secondsPerLength = secondsPerLength;
        this.maxReps = maxReps;
        this.seed = seed;
    }

    public List<AttentionResult> run(int[] lengths) {
        if (!Measure.allocationCountingAvailable()) {
            throw new IllegalStateException("this JVM does not count per-thread allocated bytes");
        }
        Map<String, LisaSequenceAttention> lisa = new LinkedHashMap<>();
        for (Variant v : VARIANTS) {
            lisa.put(v.name(), AttentionSetup.lisa(v.codebooks(), v.codewords(), d, seed));
        }
        float[][][] w = AttentionSetup.vanillaWeights(d, seed + 1);
        MaterialisedSoftmaxAttention vanilla = new MaterialisedSoftmaxAttention(w[0], w[1], w[2]);
        OnlineSoftmaxAttention efficient = new OnlineSoftmaxAttention(w[0], w[1], w[2]);
        warmUp(Math.min(512, java.util.Arrays.stream(lengths).max().orElse(512)), lisa, vanilla, efficient);

        List<AttentionResult> results = new ArrayList<>();
        for (int length : lengths) {
            if (length <= 0) {
                throw new IllegalArgumentException("lengths must be positive, got " + length);
            }
            Map<String, Supplier<?>> kernels = kernels(length, lisa, vanilla, efficient);
            Map<String, List<Sample>> samples = measure(kernels);
            results.addAll(results(length, samples));
            LOG.info("L={}: {}", length, summary(samples));
        }
        return results;
    }

    private Map<String, Supplier<?>> kernels(int length, Map<String, LisaSequenceAttention> lisa,
            MaterialisedSoftmaxAttention vanilla, OnlineSoftmaxAttention efficient) {
        Map<String, Supplier<?>> kernels = new LinkedHashMap<>();
        for (Variant v : VARIANTS) {
            int[] codes = AttentionSetup.codes(length, v.codebooks(), v.codewords(), seed + length);
            LisaSequenceAttention attention = lisa.get(v.name());
            kernels.put(v.name(), () -> attention.forward(codes));
        }
        float[][] x = AttentionSetup.inputs(length, d, seed + length);
        if (materialisedFits(length)) {
            kernels.put("vanilla", () -> vanilla.forward(x));
        } else {
            LOG.warn("L={}: skipping the materialised vanilla, its {} x {} floats do not fit the heap", length,
                    length, length);
        }
        kernels.put("efficient", () -> efficient.forward(x));
        return kernels;
    }

    /** The L x L matrix plus a margin must fit in what the heap can still give. */
    static boolean materialisedFits(int length) {
        double need = 4.0 * length * length * 1.3;
        return need < Runtime.getRuntime().maxMemory() * 0.8;
    }

    /** One unreported run each, then interleaved rounds until the time budget or maxReps. */
    private Map<String, List<Sample>> measure(Map<String, Supplier<?>> kernels) {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        double roundSeconds = 0;
        for (Map.Entry<String, Supplier<?>> k : kernels.entrySet()) {
            roundSeconds += Measure.once(k.getValue()).nanos() / 1e9;
            samples.put(k.getKey(), new ArrayList<>());
        }
        int reps = (int) Math.max(1, Math.min(maxReps, Math.floor(secondsPerLength / Math.max(roundSeconds, 1e-9))));
        for (int r = 0; r < reps; r++) {
            for (Map.Entry<String, Supplier<?>> k : kernels.entrySet()) {
                samples.get(k.getKey()).add(Measure.once(k.getValue()));
            }
        }
        return samples;
    }

    private List<AttentionResult> results(int length, Map<String, List<Sample>> samples) {
        List<Sample> van = samples.get("vanilla");
        List<Sample> eff = samples.get("efficient");
        double effMs = medianMs(eff);
        long effBytes = medianBytes(eff);
        List<AttentionResult> out = new ArrayList<>();
        for (Variant v : VARIANTS) {
            List<Sample> s = samples.get(v.name());
            double ms = medianMs(s);
            long bytes = medianBytes(s);
            Double vanMs = van == null ? null : medianMs(van);
            Long vanBytes = van == null ? null : medianBytes(van);
            out.add(new AttentionResult(length, v.name(), round(ms), vanMs == null ? null : round(vanMs),
                    vanMs == null ? null : round(vanMs / ms), bytes, vanBytes,
                    vanBytes == null ? null : round((double) vanBytes / bytes), round(effMs), round(effMs / ms),
                    effBytes, round((double) effBytes / bytes), v.codebooks(), v.codewords(), d, s.size(),
                    round(medianCpuMs(s)), van == null ? null : round(medianCpuMs(van)), round(medianCpuMs(eff))));
        }
        return out;
    }

    /** Runs every kernel at a small length until compiled (at least 3 rounds, up to 3 s or the per-length budget). */
    private void warmUp(int length, Map<String, LisaSequenceAttention> lisa, MaterialisedSoftmaxAttention vanilla,
            OnlineSoftmaxAttention efficient) {
        Map<String, Supplier<?>> kernels = kernels(length, lisa, vanilla, efficient);
        long until = System.nanoTime() + (long) (Math.min(3.0, secondsPerLength) * 1e9);
        int rounds = 0;
        while (rounds < 3 || (System.nanoTime() < until && rounds < 30)) {
            kernels.values().forEach(Supplier::get);
            rounds++;
        }
        LOG.info("warm-up: {} rounds at L={}", rounds, length);
    }

    private static String summary(Map<String, List<Sample>> samples) {
        StringBuilder sb = new StringBuilder();
        samples.forEach((k, s) -> sb.append(String.format("%s %.2f ms (cpu %.2f) %.1f MiB; ", k, medianMs(s), medianCpuMs(s),
                medianBytes(s) / 1048576.0)));
        return sb.toString();
    }

    static double medianMs(List<Sample> s) {
        return Measure.median(s.stream().mapToDouble(Sample::millis).toArray());
    }

    static double medianCpuMs(List<Sample> s) {
        return Measure.median(s.stream().mapToDouble(Sample::cpuMillis).toArray());
    }

    static long medianBytes(List<Sample> s) {
        return (long) Measure.median(s.stream().mapToDouble(Sample::allocatedBytes).toArray());
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}

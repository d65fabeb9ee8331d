package io.lisastream.bench.scoring;

import io.lisastream.bench.BenchModels;
import io.lisastream.bench.report.Measure;
import io.lisastream.model.LisaModel;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.model.inference.ScoredItems;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lisa bench scoring}: per request, the top k of N items for a user vector z, with LISA-Base's
 * code-table scorer (the model core's {@link InferenceModel#topK}) and with dense dot products over
 * the same item vectors e_n = sum_b C_b[codes[n][b]]. One thread; requests alternate between the two.
 */
public final class ScoringBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringBenchmark.class);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int USERS = 64;

    private final int k;
    private final double secondsPerSize;
    private final int maxRequests;
    private final long seed;

    public ScoringBenchmark(int k, double secondsPerSize, int maxRequests, long seed) {
        this.k = k;
        this.secondsPerSize = secondsPerSize;
        this.maxRequests = maxRequests;
        this.seed = seed;
    }

    public List<ScoringResult> run(int[] sizes) {
        List<ScoringResult> results = new ArrayList<>();
        for (int n : sizes) {
            results.add(runOne(n));
            System.gc();
        }
        return results;
    }

    private ScoringResult runOne(int n) {
        LisaModel model = BenchModels.build(BenchModels.config(Variant.LISA_BASE, n, 200), seed + n);
        InferenceModel inference = InferenceModel.compile(model);
        DenseTopK dense = new DenseTopK(decoded(model), n, model.config().dim());
        float[][] users = new float[USERS][];
        for (int u = 0; u < USERS; u++) {
            users[u] = inference.userVector(BenchModels.history(n, 50, seed + u));
        }
        // warm-up: compile both paths, bring the tables in
        long warmUntil = System.nanoTime() + (long) (Math.min(3, secondsPerSize / 4) * 1e9);
        int warm = 0;
        while (warm < 20 || (System.nanoTime() < warmUntil && warm < 500)) {
            inference.topK(users[warm % USERS], k, null);
            dense.topK(users[warm % USERS], k);
            warm++;
        }
        double[] codeNs = new double[maxRequests];
        double[] denseNs = new double[maxRequests];
        double[] codeCpu = new double[maxRequests];
        double[] denseCpu = new double[maxRequests];
        int agree = 0;
        int r = 0;
        long until = System.nanoTime() + (long) (secondsPerSize * 1e9);
        while (r < maxRequests && (r < 10 || System.nanoTime() < until)) {
            float[] z = users[r % USERS];
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ScoredItems byCodes = inference.topK(z, k, null);
            long t1 = System.nanoTime();
            long c1 = THREADS.getCurrentThreadCpuTime();
            ScoredItems byDense = dense.topK(z, k);
            long t2 = System.nanoTime();
            long c2 = THREADS.getCurrentThreadCpuTime();
            codeNs[r] = t1 - t0;
            denseNs[r] = t2 - t1;
            codeCpu[r] = c1 - c0;
            denseCpu[r] = c2 - c1;
            if (Arrays.equals(byCodes.items(), byDense.items())) {
                agree++;
            }
            r++;
        }
        double[] cs = sorted(codeNs, r);
        double[] ds = sorted(denseNs, r);
        double codesUs = Measure.median(cs) / 1e3;
        double denseUs = Measure.median(ds) / 1e3;
        long codesBytes = inference.catalogueBytes();
        long denseBytes = dense.tableBytes();
        ScoringResult result = new ScoringResult(n, round(codesUs), round(denseUs), round(denseUs / codesUs), codesBytes,
                denseBytes, round((double) denseBytes / codesBytes), round(Measure.quantile(cs, 0.99) / 1e3),
                round(Measure.quantile(ds, 0.99) / 1e3), round(Measure.median(sorted(codeCpu, r)) / 1e3),
                round(Measure.median(sorted(denseCpu, r)) / 1e3), k, r, round((double) agree / r));
        LOG.info("N={}: codes {} us, dense {} us, {} requests", n, result.codesUs(), result.denseUs(), r);
        return result;
    }

    /** e_n = sum_b C_b[codes[n][b]], [N*D]. */
    public static float[] decoded(LisaModel model) {
        int n = model.config().numItems();
        int b = model.config().codebooks();
        int w = model.config().codewords();
        int d = model.config().dim();
        float[] c = model.floats(TensorSpec.CODEBOOKS);
        int[] codes = model.ints(TensorSpec.CODES);
        float[] e = new float[n * d];
        for (int item = 0; item < n; item++) {
            for (int cb = 0; cb < b; cb++) {
                int off = (cb * w + codes[item * b + cb]) * d;
                for (int i = 0; i < d; i++) {
                    e[item * d + i] += c[off + i];
                }
            }
        }
        return e;
    }

    private static double[] sorted(double[] v, int n) {
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return s;
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}

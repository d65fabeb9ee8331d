package io.lisastream.bench.jmh;

import io.lisastream.bench.attention.AttentionSetup;
import io.lisastream.bench.attention.LisaSequenceAttention;
import io.lisastream.bench.attention.MaterialisedSoftmaxAttention;
import io.lisastream.bench.attention.OnlineSoftmaxAttention;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One attention forward over a whole sequence of length L (D = 128): the kernels of {@code lisa bench attention}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class AttentionKernels {
    @Param({"2048"})
    public int length;

    private LisaSequenceAttention base;
    private LisaSequenceAttention mini;
    private MaterialisedSoftmaxAttention vanilla;
    private OnlineSoftmaxAttention online;
    private int[] baseCodes;
    private int[] miniCodes;
    private float[][] x;

    @Setup
    public void setUp() {
        base = AttentionSetup.lisa(8, 128, 128, 1);
        mini = AttentionSetup.lisa(8, 16, 128, 1);
        float[][][] w = AttentionSetup.vanillaWeights(128, 2);
        vanilla = new MaterialisedSoftmaxAttention(w[0], w[1], w[2]);
        online = new OnlineSoftmaxAttention(w[0], w[1], w[2]);
        baseCodes = AttentionSetup.codes(length, 8, 128, 3);
        miniCodes = AttentionSetup.codes(length, 8, 16, 3);
        x = AttentionSetup.inputs(length, 128, 4);
    }

    @Benchmark
    public float[][] lisaBase() {
        return base.forward(baseCodes);
    }

    @Benchmark
    public float[][] lisaMini() {
        return mini.forward(miniCodes);
    }

    @Benchmark
    public float[][] vanillaMaterialised() {
        return vanilla.forward(x);
    }

    @Benchmark
    public float[][] vanillaOnline() {
        return online.forward(x);
    }
}

package io.lisastream.bench.jmh;

import io.lisastream.bench.BenchModels;
import io.lisastream.bench.scoring.DenseTopK;
import io.lisastream.bench.scoring.ScoringBenchmark;
import io.lisastream.model.LisaModel;
import io.lisastream.model.Variant;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.model.inference.ScoredItems;
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

/** Top-10 per request over N items: the model core's code-table scorer against dense dot products. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ScoringKernels {
    @Param({"1000000"})
    public int items;

    private InferenceModel inference;
    private DenseTopK dense;
    private float[] z;

    @Setup
    public void setUp() {
        LisaModel model = BenchModels.build(BenchModels.config(Variant.LISA_BASE, items, 200), 1);
        inference = InferenceModel.compile(model);
        dense = new DenseTopK(ScoringBenchmark.decoded(model), items, 128);
        z = inference.userVector(BenchModels.history(items, 50, 2));
    }

    @Benchmark
    public ScoredItems codes() {
        return inference.topK(z, 10, null);
    }

    @Benchmark
    public ScoredItems dense() {
        return dense.topK(z, 10);
    }
}

package io.lisastream.bench.jmh;

import io.lisastream.bench.BenchModels;
import io.lisastream.model.AttentionQuery;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.Variant;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.model.inference.ScoredItems;
import io.lisastream.model.inference.UserState;
import java.util.List;
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

/**
 * The model compute of one click at the operator, without Flink: LISA-Base observes the click in
 * its histogram, computes z and the top 10 of an ML-1M-sized catalogue; vanilla (sasrec, maxLen = L)
 * attends over the user's last L items and ranks the same catalogue. lisaTwoBlockClick is the same
 * click for a two-block LISA-Base (docs/model-artifact.md): the same histogram, a second attention
 * and block per event. lisaSixteenCodebookClick is lisaClick with B = 16 codebooks instead of 8 (a
 * histogram and an attention twice as wide); lisaWideCodebookClick is lisaClick with W = 256 codewords
 * per codebook instead of 128 (the same number of heads, each over twice the codewords).
 * lisaInputQueryClick is lisaClick with the first block's heads queried by the input (item + position)
 * and one decay per codebook (docs/model-artifact.md): O(B W D) logits instead of B table look-ups.
 * lisaWindowBlockClick is a two-block LISA-Base whose second block attends over the first block's last
 * 50 outputs (blockWindow 50): it has no incremental state, so a click is scored as the operator does,
 * from the last min(L, maxLen = 200) items (histogram replay, then the first block at 50 positions).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PerEventKernels {
    private static final int ITEMS = 3416;

    @Param({"100", "1000", "10000"})
    public int history;

    private InferenceModel lisa;
    private InferenceModel lisaTwoBlocks;
    private UserState stateTwoBlocks;
    private InferenceModel lisaSixteen;
    private UserState stateSixteen;
    private InferenceModel lisaWide;
    private UserState stateWide;
    private InferenceModel lisaInputQuery;
    private UserState stateInputQuery;
    private InferenceModel lisaWindow;
    private int[] ringItems;
    private InferenceModel sasrec;
    private UserState state;
    private int[] items;
    private int next;

    @Setup
    public void setUp() {
        lisa = lisaBase("bench-lisa-base", 8, 128, 1);
        lisaTwoBlocks = lisaBase("bench-lisa-base-x2", 8, 128, 2);
        lisaSixteen = lisaBase("bench-lisa-base-b16", 16, 128, 1);
        lisaWide = lisaBase("bench-lisa-base-w256", 8, 256, 1);
        lisaInputQuery = lisaBase("bench-lisa-base-qin", 8, 128, 1, AttentionQuery.INPUT,
                List.of(0.02, 0.05, 0.1, 0.1, 0.1, 0.2, 0.3, 0.5), 0);
        lisaWindow = lisaBase("bench-lisa-base-window50", 8, 128, 2, AttentionQuery.CODES, List.of(), 50);
        sasrec = InferenceModel.compile(BenchModels.build(BenchModels.config(Variant.SASREC, ITEMS, history), 1));
        items = BenchModels.history(ITEMS, history, 2);
        ringItems = java.util.Arrays.copyOfRange(items, Math.max(0, history - 200), history);
        state = lisa.newState();
        stateTwoBlocks = lisaTwoBlocks.newState();
        stateSixteen = lisaSixteen.newState();
        stateWide = lisaWide.newState();
        stateInputQuery = lisaInputQuery.newState();
        for (int item : items) {
            lisa.observe(state, item);
            lisaTwoBlocks.observe(stateTwoBlocks, item);
            lisaSixteen.observe(stateSixteen, item);
            lisaWide.observe(stateWide, item);
            lisaInputQuery.observe(stateInputQuery, item);
        }
    }

    /** BenchModels' lisa-base (maxLen 200) with B codebooks of W codewords and the given number of blocks. */
    private static InferenceModel lisaBase(String version, int codebooks, int codewords, int blocks) {
        return lisaBase(version, codebooks, codewords, blocks, AttentionQuery.CODES, List.of(), 0);
    }

    /**
     * The same, with the first block's query, the decays per codebook (empty: the model's one decay) and
     * the window of blocks 1.. (0: they attend over the histogram).
     */
    private static InferenceModel lisaBase(String version, int codebooks, int codewords, int blocks,
            AttentionQuery query, List<Double> codebookDecays, int blockWindow) {
        ModelConfig c = BenchModels.config(Variant.LISA_BASE, ITEMS, 200);
        return InferenceModel.compile(BenchModels.build(new ModelConfig(version, c.variant(), c.dim(), c.ffnDim(),
                c.maxLen(), c.decay(), c.layerNormEps(), codebooks, codewords, 0, 0, ITEMS, blocks, query,
                codebookDecays, blockWindow), 1));
    }

    @Benchmark
    public ScoredItems lisaClick() {
        return click(lisa, state);
    }

    @Benchmark
    public ScoredItems lisaTwoBlockClick() {
        return click(lisaTwoBlocks, stateTwoBlocks);
    }

    @Benchmark
    public ScoredItems lisaSixteenCodebookClick() {
        return click(lisaSixteen, stateSixteen);
    }

    @Benchmark
    public ScoredItems lisaWideCodebookClick() {
        return click(lisaWide, stateWide);
    }

    @Benchmark
    public ScoredItems lisaInputQueryClick() {
        return click(lisaInputQuery, stateInputQuery);
    }

    @Benchmark
    public ScoredItems lisaWindowBlockClick() {
        return lisaWindow.topK(lisaWindow.userVector(ringItems), 10, null);
    }

    /** One click at the operator: fold the next item into the state, then rank the catalogue. */
    private ScoredItems click(InferenceModel model, UserState userState) {
        model.observe(userState, items[next++ % items.length]);
        return model.topK(model.userVector(userState), 10, null);
    }

    @Benchmark
    public ScoredItems vanillaClick() {
        return sasrec.topK(sasrec.userVector(items), 10, null);
    }
}

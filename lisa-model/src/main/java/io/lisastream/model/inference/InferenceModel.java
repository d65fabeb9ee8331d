package io.lisastream.model.inference;

import io.lisastream.model.AttentionQuery;
import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;

/**
 * A model compiled for serving: the per-model tables are built once, then the object is immutable
 * and safe to share across threads and users.
 *
 * <p>Two ways to the user vector z (the block's output at the newest position), which agree:
 * <ul>
 *   <li>incremental (LISA variants): {@link #newState()}, {@link #observe(UserState, int)} per event
 *       in O(B) for hard codes, then {@link #userVector(UserState)} in O(B W D), independent of the
 *       history length;</li>
 *   <li>batch (every variant): {@link #userVector(int[])} from a whole history.</li>
 * </ul>
 * A LISA model with window blocks ({@link ModelConfig#hasWindowBlocks()}) depends on its first block's
 * outputs at the last positions, which the histogram state does not carry: it is served in batch only
 * ({@link #isIncremental()} is false), from the last maxLen items as one window (as in training), at
 * O(maxLen B + span (B W D + D F)) per user vector.
 * Then {@link #scoreAll(float[])} or {@link #topK(float[], int, int[])} rank the catalogue.
 */
public final class InferenceModel {
    private final LisaModel model;
    private final ModelConfig config;
    private final int d;
    private final float[] pos;
    private final TransformerBlock block;
    private final CatalogueScorer scorer;
    // LISA only
    private final CodewordHistogram histogram;
    private final CodewordAttention codewordAttention;
    /** The first block's attention when its query is the input x (this project's extension), else null. */
    private final ContextCodewordAttention inputQueriedAttention;
    private final float[] codebooks;
    private final float[] softAssign;
    /** Blocks 1..k-1 of a stacked LISA model (this project's extension; empty for one block). */
    private final ContextCodewordAttention[] laterAttention;
    private final TransformerBlock[] laterBlocks;
    /** Blocks 1..k-1 when they are window blocks (this project's extension), else null. */
    private final WindowBlockStack windowBlocks;
    // sasrec only: one block (the contract), or a stack of them (this project's extension)
    private final SoftmaxAttention softmaxAttention;
    private final SoftmaxBlockStack blockStack;

    private InferenceModel(LisaModel model) {
        this.model = model;
        this.config = model.config();
        this.d = config.dim();
        this.pos = model.floats(TensorSpec.POS);
        this.block = new TransformerBlock(model);
        Variant v = config.variant();
        if (v.isLisa()) {
            this.histogram = new CodewordHistogram(model);
            boolean inputQuery = config.query() == AttentionQuery.INPUT;
            this.codewordAttention = inputQuery ? null : new CodewordAttention(model);
            this.inputQueriedAttention = inputQuery ? new ContextCodewordAttention(model, 0) : null;
            this.codebooks = model.floats(TensorSpec.CODEBOOKS);
            this.softAssign = v == Variant.LISA_SOFT ? model.floats(TensorSpec.SOFT_ASSIGN) : null;
            this.windowBlocks = config.hasWindowBlocks() ? new WindowBlockStack(model) : null;
            int histogramBlocks = config.hasWindowBlocks() ? 0 : config.blocks() - 1;
            this.laterAttention = new ContextCodewordAttention[histogramBlocks];
            this.laterBlocks = new TransformerBlock[histogramBlocks];
            for (int k = 1; k <= histogramBlocks; k++) {
                laterAttention[k - 1] = new ContextCodewordAttention(model, k);
                laterBlocks[k - 1] = new TransformerBlock(model, k);
            }
            this.softmaxAttention = null;
            this.blockStack = null;
        } else {
            this.histogram = null;
            this.codewordAttention = null;
            this.inputQueriedAttention = null;
            this.codebooks = null;
            this.softAssign = null;
            this.laterAttention = null;
            this.laterBlocks = null;
            this.windowBlocks = null;
            this.softmaxAttention = config.blocks() == 1 ? new SoftmaxAttention(model) : null;
            this.blockStack = config.blocks() == 1 ? null : new SoftmaxBlockStack(model);
        }
        this.scorer = switch (v) {
            case LISA_BASE -> new CodeTableScorer(codebooks, model.ints(TensorSpec.CODES),
                    config.codebooks(), config.codewords(), d);
            case LISA_MINI -> new CodeTableScorer(model.floats(TensorSpec.TARGET_CODEBOOKS),
                    model.ints(TensorSpec.TARGET_CODES), config.targetCodebooks(), config.targetCodewords(), d);
            case LISA_SOFT, SASREC -> new DenseScorer(model.floats(TensorSpec.ITEM_EMB), d);
        };
    }

    /** Builds the scoring tables of a validated model (O(B W^2 D) for LISA, O(N D^2) for sasrec). */
    public static InferenceModel compile(LisaModel model) {
        return new InferenceModel(model);
    }

    public LisaModel model() {
        return model;
    }

    public ModelConfig config() {
        return config;
    }

    public int numItems() {
        return config.numItems();
    }

    /**
     * True when the user vector follows from the incremental histogram state (the LISA variants, but
     * not with window blocks).
     */
    public boolean isIncremental() {
        return histogram != null && windowBlocks == null;
    }

    /** An empty state: no events yet. */
    public UserState newState() {
        requireIncremental("newState");
        return new UserState(histogram.size(), config.codebooks());
    }

    /** Folds one event (an internal item index) into the state: O(B) for hard codes. */
    public void observe(UserState state, int item) {
        requireIncremental("observe");
        checkItem(item);
        histogram.observe(state, item);
    }

    /** The true decayed histogram [B*W] of a state (for inspection and tests). */
    public float[] histogram(UserState state) {
        requireLisa("histogram");
        return histogram.decayed(state);
    }

    /** The decayed histogram [B*W] of a whole history, computed directly. */
    public float[] histogram(int[] history) {
        requireLisa("histogram");
        return histogram.fromHistory(history);
    }

    /** z for the newest event of a state; O(k B W D) for k blocks, independent of the history length. */
    public float[] userVector(UserState state) {
        requireIncremental("userVector(UserState)");
        if (state.count == 0) {
            throw new IllegalStateException("no events yet: a user vector needs at least one event");
        }
        return lisaUserVector(state.scaledHistogram(), state.lastItem, state.lastCodes, state.count);
    }

    /** z for the newest item of a whole history (chronological internal indices, at least one). */
    public float[] userVector(int[] history) {
        if (history.length == 0) {
            throw new IllegalArgumentException("a user vector needs a history of at least one item");
        }
        for (int item : history) {
            checkItem(item);
        }
        if (windowBlocks != null) {
            return windowUserVector(history);
        }
        if (histogram != null) {
            int last = history[history.length - 1];
            int[] queryCodes = new int[config.codebooks()];
            System.arraycopy(model.ints(TensorSpec.CODES), last * config.codebooks(), queryCodes, 0,
                    config.codebooks());
            return lisaUserVector(histogram.fromHistory(history), last, queryCodes, history.length);
        }
        if (blockStack != null) {
            return blockStack.userVector(history);
        }
        int len = softmaxAttention.windowLength(history.length);
        float[] x = new float[d];
        float[] o = new float[d];
        softmaxAttention.attend(history, history.length - len, len, x, o);
        return block.apply(x, o);
    }

    /**
     * A model with window blocks reads the last maxLen items as one window, as training does: the
     * histogram starts at the window's first item and positions count from it, so the first block's
     * outputs at older positions match training's even when the history is longer than maxLen. The
     * histogram is replayed over the window (O(B) per event), the first block runs at the newest
     * {@link WindowBlockStack#span()} positions only, then the window blocks over those outputs.
     */
    private float[] windowUserVector(int[] history) {
        int from = Math.max(0, history.length - config.maxLen());
        int len = history.length - from;
        int n = Math.min(len, windowBlocks.span());
        float[][] firstOutputs = new float[n][];
        UserState state = new UserState(histogram.size(), config.codebooks());
        for (int j = 0; j < len; j++) {
            histogram.observe(state, history[from + j]);
            int slot = j - (len - n);
            if (slot >= 0) {
                firstOutputs[slot] = firstBlock(state.scaledHistogram(), state.lastItem, state.lastCodes, state.count);
            }
        }
        return windowBlocks.apply(firstOutputs);
    }

    private float[] lisaUserVector(float[] hist, int lastItem, int[] queryCodes, long t) {
        float[] z = firstBlock(hist, lastItem, queryCodes, t);
        float[] o = new float[d];
        for (int k = 0; k < laterBlocks.length; k++) {
            laterAttention[k].attend(z, hist, o);
            z = laterBlocks[k].apply(z, o);
        }
        return z;
    }

    /** The first block's output at the newest event of a histogram that has seen t events. */
    private float[] firstBlock(float[] hist, int lastItem, int[] queryCodes, long t) {
        float[] x = new float[d];
        inputEmbedding(lastItem, queryCodes, x);
        int p = (int) (Math.min(t, config.maxLen()) - 1);
        for (int i = 0; i < d; i++) {
            x[i] += pos[p * d + i];
        }
        float[] o = new float[d];
        if (inputQueriedAttention != null) {
            inputQueriedAttention.attend(x, hist, o);
        } else {
            codewordAttention.attend(hist, queryCodes, o);
        }
        return block.apply(x, o);
    }

    /** x without position: sum_b C_b[q_b], or for LISA-Soft sum_b sum_w soft[i][b][w] C_b[w]. */
    private void inputEmbedding(int item, int[] queryCodes, float[] x) {
        int b = config.codebooks();
        int w = config.codewords();
        if (softAssign == null) {
            for (int cb = 0; cb < b; cb++) {
                int off = (cb * w + queryCodes[cb]) * d;
                for (int i = 0; i < d; i++) {
                    x[i] += codebooks[off + i];
                }
            }
        } else {
            int soft = item * b * w;
            for (int k = 0; k < b * w; k++) {
                float p = softAssign[soft + k];
                if (p == 0f) {
                    continue;
                }
                int off = k * d;
                for (int i = 0; i < d; i++) {
                    x[i] += p * codebooks[off + i];
                }
            }
        }
    }

    /** Scores of every item for user vector z. */
    public float[] scoreAll(float[] z) {
        float[] out = new float[config.numItems()];
        scorer.scoreAll(z, out);
        return out;
    }

    /** Scores of the given items (internal indices) for user vector z, aligned with them. */
    public float[] score(float[] z, int[] items) {
        for (int item : items) {
            checkItem(item);
        }
        return scorer.score(z, items);
    }

    /**
     * The k best items for z, best first (ties by lower index), never any of {@code exclude}
     * (internal indices; out-of-range entries are ignored).
     */
    public ScoredItems topK(float[] z, int k, int[] exclude) {
        return scorer.topK(z, k, exclude, config.numItems());
    }

    /**
     * Heap bytes of the item table one request reads: N longs of packed byte codes (B <= 8, W <= 256),
     * N x B ints otherwise, or the N x D float embeddings (sasrec, lisa-soft).
     */
    public long catalogueBytes() {
        return scorer.catalogueBytes();
    }

    private void requireLisa(String what) {
        if (histogram == null) {
            throw new UnsupportedOperationException(what + " needs a LISA variant; " + config.variant()
                    + " attends over the item window: use userVector(int[] history)");
        }
    }

    private void requireIncremental(String what) {
        requireLisa(what);
        if (windowBlocks != null) {
            throw new UnsupportedOperationException(what + ": this model's window blocks (blockWindow "
                    + config.blockWindow() + ") read the first block's recent outputs, which the histogram "
                    + "state does not keep: use userVector(int[] history)");
        }
    }

    private void checkItem(int item) {
        if (item < 0 || item >= config.numItems()) {
            throw new IndexOutOfBoundsException("item index " + item + " outside the catalogue [0, "
                    + config.numItems() + ")");
        }
    }
}

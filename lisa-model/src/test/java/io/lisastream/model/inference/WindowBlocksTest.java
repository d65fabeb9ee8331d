package io.lisastream.model.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.model.AttentionQuery;
import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.ModelFormatException;
import io.lisastream.model.RandomModels;
import io.lisastream.model.Tensor;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Window blocks (ModelConfig#hasWindowBlocks): the user vector equals every level computed at every
 * position, with each window attention written out as in the formula (explicit keys z_j Wk and values
 * z_j Wv, in doubles), from first-block outputs that a one-block model with the same first block gives
 * for each prefix of the history (at most maxLen long, so the two read positions alike).
 */
class WindowBlocksTest {
    private static final int D = 8;
    private static final int B = 3;
    private static final int W = 5;
    private static final int MAX_LEN = 10;

    private static ModelConfig config(Variant v, int blocks, int window) {
        ModelConfig c = RandomModels.config(v, 25, D, MAX_LEN, 0.2, B, W);
        return new ModelConfig("window-" + blocks + "-" + window, v, D, c.ffnDim(), MAX_LEN, c.decay(),
                c.layerNormEps(), B, W, c.targetCodebooks(), c.targetCodewords(), c.numItems(), blocks,
                AttentionQuery.CODES, List.of(), window);
    }

    @Test
    void theUserVectorIsEveryLevelAtEveryPositionWrittenOut() {
        int[] window = RandomModels.history(25, MAX_LEN, 7); // longer than every span below but the last
        for (Variant v : new Variant[] {Variant.LISA_BASE, Variant.LISA_SOFT, Variant.LISA_MINI}) {
            for (int[] kw : new int[][] {{2, 1}, {2, 3}, {3, 3}, {2, 20}}) {
                LisaModel model = RandomModels.build(config(v, kw[0], kw[1]), 11 + kw[0] * 7L + kw[1]);
                float[] expected = byTheFormula(model, window);
                float[] actual = InferenceModel.compile(model).userVector(window);
                IncrementalMatchesBatchTest.assertClose(actual, expected, v + " blocks " + kw[0] + " window " + kw[1]);
            }
        }
    }

    /** As in training, a history longer than maxLen is read as its last maxLen items, positions from 0. */
    @Test
    void aLongHistoryIsItsLastMaxLenItems() {
        InferenceModel m = InferenceModel.compile(RandomModels.build(config(Variant.LISA_BASE, 2, 3), 2));
        int[] history = RandomModels.history(25, MAX_LEN + 7, 9);
        float[] lastWindow = m.userVector(java.util.Arrays.copyOfRange(history, 7, history.length));
        assertThat(m.userVector(history)).containsExactly(lastWindow);
        // while every item of that window counts (through the histogram), even those before the span
        assertThat(m.userVector(java.util.Arrays.copyOfRange(history, 8, history.length))).isNotEqualTo(lastWindow);
    }

    @Test
    void theWindowMatters() {
        int[] history = RandomModels.history(25, 9, 3);
        LisaModel wide = RandomModels.build(config(Variant.LISA_BASE, 2, 4), 5);
        LisaModel narrow = new LisaModel(config(Variant.LISA_BASE, 2, 1), wide.itemIds(), wide.tensors(), Map.of(),
                null);
        float[] a = InferenceModel.compile(wide).userVector(history);
        float[] b = InferenceModel.compile(narrow).userVector(history);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aWindowModelHasNoIncrementalStateAndSaysWhy() {
        InferenceModel m = InferenceModel.compile(RandomModels.build(config(Variant.LISA_BASE, 2, 3), 1));
        assertThat(m.isIncremental()).isFalse();
        assertThatThrownBy(m::newState).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("blockWindow 3").hasMessageContaining("userVector(int[] history)");
    }

    @Test
    void aWindowNeedsALisaStack() {
        assertThatThrownBy(() -> config(Variant.LISA_BASE, 1, 3)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("at least two blocks");
        assertThatThrownBy(() -> new ModelConfig("s", Variant.SASREC, D, D, MAX_LEN, 0.1, 1e-5, 0, 0, 0, 0, 25, 2,
                AttentionQuery.CODES, List.of(), 3)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("LISA variant");
        assertThatThrownBy(() -> config(Variant.LISA_BASE, 2, -1)).isInstanceOf(ModelFormatException.class);
    }

    /** z at the newest position: levels computed at every position, each window block as the formula says. */
    private static float[] byTheFormula(LisaModel model, int[] history) {
        ModelConfig c = model.config();
        InferenceModel first = InferenceModel.compile(firstBlockOnly(model));
        float[][] level = new float[history.length][];
        for (int t = 1; t <= history.length; t++) {
            level[t - 1] = first.userVector(java.util.Arrays.copyOf(history, t));
        }
        for (int k = 1; k < c.blocks(); k++) {
            TransformerBlock block = new TransformerBlock(model, k);
            float[][] next = new float[history.length][];
            for (int j = 0; j < history.length; j++) {
                int from = Math.max(0, j - c.blockWindow() + 1);
                next[j] = block.apply(level[j], windowAttention(model, k, level, from, j));
            }
            level = next;
        }
        return level[history.length - 1];
    }

    /** sum_m softmax_m((z_j Wq) . (z_m Wk) / sqrt(D)) z_m Wv over m in [from, j], head 0 of block k. */
    private static float[] windowAttention(LisaModel model, int k, float[][] z, int from, int j) {
        int head0 = k * B * D * D;
        double[] q = project(z[j], model.floats(TensorSpec.W_Q), head0);
        double[] logits = new double[j - from + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int m = from; m <= j; m++) {
            double[] key = project(z[m], model.floats(TensorSpec.W_K), head0);
            double s = 0;
            for (int i = 0; i < D; i++) {
                s += q[i] * key[i];
            }
            logits[m - from] = s / Math.sqrt(D);
            max = Math.max(max, logits[m - from]);
        }
        double sum = 0;
        for (int m = 0; m < logits.length; m++) {
            logits[m] = Math.exp(logits[m] - max);
            sum += logits[m];
        }
        double[] o = new double[D];
        for (int m = from; m <= j; m++) {
            double[] value = project(z[m], model.floats(TensorSpec.W_V), head0);
            for (int i = 0; i < D; i++) {
                o[i] += logits[m - from] / sum * value[i];
            }
        }
        float[] out = new float[D];
        for (int i = 0; i < D; i++) {
            out[i] = (float) o[i];
        }
        return out;
    }

    private static double[] project(float[] v, float[] m, int offset) {
        double[] out = new double[D];
        for (int r = 0; r < D; r++) {
            for (int col = 0; col < D; col++) {
                out[col] += (double) v[r] * m[offset + r * D + col];
            }
        }
        return out;
    }

    /** The same model cut to its first block: every stacked tensor's leading slice (block 0 comes first). */
    private static LisaModel firstBlockOnly(LisaModel model) {
        ModelConfig c = model.config();
        ModelConfig one = new ModelConfig(c.version() + "-first", c.variant(), c.dim(), c.ffnDim(), c.maxLen(),
                c.decay(), c.layerNormEps(), c.codebooks(), c.codewords(), c.targetCodebooks(), c.targetCodewords(),
                c.numItems(), 1);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (TensorSpec spec : TensorSpec.required(one).values()) {
            Tensor t = model.tensor(spec.name());
            int n = (int) Tensor.elementCount(spec.shape());
            tensors.put(spec.name(), t.dtype() == Tensor.DType.INT32
                    ? Tensor.i32(java.util.Arrays.copyOf(t.ints(), n), spec.shape())
                    : Tensor.f32(java.util.Arrays.copyOf(t.floats(), n), spec.shape()));
        }
        return new LisaModel(one, model.itemIds(), tensors, Map.of(), null);
    }
}

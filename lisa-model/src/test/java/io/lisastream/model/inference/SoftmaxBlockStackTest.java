package io.lisastream.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.RandomModels;
import io.lisastream.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * The stacked sasrec path re-encodes the whole window block by block; for one block it must give
 * what the contract's path ({@link SoftmaxAttention} with its precomputed key and value tables)
 * gives, for windows shorter and longer than maxLen. (Trainer parity covers deeper stacks.)
 */
class SoftmaxBlockStackTest {

    @Test
    void oneBlockOfTheStackEqualsTheContractsSasrecPath() {
        ModelConfig c = RandomModels.config(Variant.SASREC, 25, 8, 6, 0.1, 0, 0);
        LisaModel model = RandomModels.build(c, 11);
        InferenceModel contractPath = InferenceModel.compile(model);
        SoftmaxBlockStack stack = new SoftmaxBlockStack(model);
        for (int len = 1; len <= 14; len++) {
            int[] history = RandomModels.history(c.numItems(), len, 100 + len);
            IncrementalMatchesBatchTest.assertClose(stack.userVector(history), contractPath.userVector(history),
                    "history of " + len);
        }
    }

    @Test
    void twoBlocksOverOneItemAreTwoBlocksOfItsOwnValue() {
        // with one item, each block's attention has a single key: o = x Wv, so z = B2(z1, z1 Wv2)
        // with z1 = B1(x, x Wv1) and x = E[i] + P[0]
        ModelConfig c = RandomModels.config(Variant.SASREC, 25, 8, 6, 0.1, 0, 0);
        ModelConfig two = new ModelConfig("two", c.variant(), c.dim(), c.ffnDim(), c.maxLen(), c.decay(),
                c.layerNormEps(), 0, 0, 0, 0, c.numItems(), 2);
        LisaModel model = RandomModels.build(two, 11);
        int d = c.dim();
        int item = 7;
        float[] x = new float[d];
        for (int i = 0; i < d; i++) {
            x[i] = model.floats("item_emb")[item * d + i] + model.floats("pos")[i];
        }
        float[] z1 = new TransformerBlock(model, 0).apply(x, value(model, 0, x));
        float[] z2 = new TransformerBlock(model, 1).apply(z1, value(model, 1, z1));
        float[] z = InferenceModel.compile(model).userVector(new int[] {item});
        IncrementalMatchesBatchTest.assertClose(z, z2, "two blocks, one item");
        assertThat(z).isNotEqualTo(z1);
    }

    /** v . Wv of block k. */
    private static float[] value(LisaModel model, int k, float[] v) {
        int d = v.length;
        float[] out = new float[d];
        Linear.accumulate(v, model.floats("w_v"), k * d * d, d, out);
        return out;
    }
}

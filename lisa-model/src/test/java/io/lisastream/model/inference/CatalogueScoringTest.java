package io.lisastream.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.RandomModels;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import org.junit.jupiter.api.Test;

/** Code-table scoring (O(B) per item) equals the dot product with the reconstructed item vectors. */
class CatalogueScoringTest {
    @Test
    void codeTablesEqualDenseDotProductsWithQuantizedItems() {
        for (Variant v : new Variant[] {Variant.LISA_BASE, Variant.LISA_MINI}) {
            LisaModel model = RandomModels.build(RandomModels.config(v, 25, 8, 10, 0.1, 3, 5), 4);
            InferenceModel inference = InferenceModel.compile(model);
            boolean mini = v == Variant.LISA_MINI;
            int b = mini ? model.config().targetCodebooks() : model.config().codebooks();
            int w = mini ? model.config().targetCodewords() : model.config().codewords();
            float[] c = model.floats(mini ? TensorSpec.TARGET_CODEBOOKS : TensorSpec.CODEBOOKS);
            int[] codes = model.ints(mini ? TensorSpec.TARGET_CODES : TensorSpec.CODES);
            float[] z = inference.userVector(new int[] {1, 2, 3});
            float[] scores = inference.scoreAll(z);
            int[] some = {24, 0, 7, 7};
            float[] picked = inference.score(z, some);
            for (int n = 0; n < 25; n++) {
                double expected = 0;
                for (int cb = 0; cb < b; cb++) {
                    int code = codes[n * b + cb];
                    for (int i = 0; i < 8; i++) {
                        expected += z[i] * c[(cb * w + code) * 8 + i];
                    }
                }
                assertThat((double) scores[n]).as("%s item %d", v, n).isCloseTo(expected,
                        org.assertj.core.api.Assertions.within(1e-4));
            }
            for (int i = 0; i < some.length; i++) {
                assertThat(picked[i]).isEqualTo(scores[some[i]]);
            }
        }
    }

    @Test
    void topKNeverReturnsExcludedItems() {
        LisaModel model = RandomModels.build(RandomModels.config(Variant.SASREC, 30, 8, 10, 0.1, 0, 0), 9);
        InferenceModel inference = InferenceModel.compile(model);
        int[] history = {4, 5, 6, 4, 9};
        float[] z = inference.userVector(history);
        ScoredItems all = inference.topK(z, 30, null);
        ScoredItems excluded = inference.topK(z, 30, history);
        assertThat(all.items()).hasSize(30);
        assertThat(excluded.items()).hasSize(26).doesNotContain(4, 5, 6, 9);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.scores()[i]).isLessThanOrEqualTo(all.scores()[i - 1]);
        }
    }
}

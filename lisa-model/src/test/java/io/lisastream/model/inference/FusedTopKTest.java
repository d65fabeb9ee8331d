package io.lisastream.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.RandomModels;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte-code scorer and its fused score-and-select pass give exactly what scoring every item,
 * masking the exclusions and selecting would: same items, same order, bit-identical scores, for
 * byte codes (W <= 256, including the unrolled B = 8) and the int-code fallback (W > 256).
 */
class FusedTopKTest {
    @Test
    void fusedTopKEqualsScoreAllThenSelectForEveryLayout() {
        int[][] shapes = {{3, 5}, {8, 6}, {8, 200}, {9, 4}, {2, 300}, {1, 2}};
        SplittableRandom rnd = new SplittableRandom(11);
        for (int[] shape : shapes) {
            for (Variant v : new Variant[] {Variant.LISA_BASE, Variant.LISA_MINI}) {
                int n = 400;
                LisaModel model = RandomModels.build(RandomModels.config(v, n, 8, 10, 0.1, shape[0], shape[1]), 7);
                InferenceModel inference = InferenceModel.compile(model);
                for (int trial = 0; trial < 4; trial++) {
                    float[] z = inference.userVector(RandomModels.history(n, 1 + rnd.nextInt(20), rnd.nextLong()));
                    float[] all = inference.scoreAll(z);
                    assertThat(all).containsExactly(directScores(model, v, z));
                    int[] exclude = trial == 0 ? null : new int[] {rnd.nextInt(n), -3, n + 7, rnd.nextInt(n), 5, 5};
                    for (int k : new int[] {0, 1, 10, 77, n + 5}) {
                        float[] masked = all.clone();
                        if (exclude != null) {
                            for (int e : exclude) {
                                if (e >= 0 && e < n) {
                                    masked[e] = Float.NEGATIVE_INFINITY;
                                }
                            }
                        }
                        ScoredItems expected = TopK.select(masked, k);
                        ScoredItems actual = inference.topK(z, k, exclude);
                        String what = v + " B=" + shape[0] + " W=" + shape[1] + " k=" + k;
                        assertThat(actual.items()).as(what).containsExactly(expected.items());
                        assertThat(actual.scores()).as(what).containsExactly(expected.scores());
                    }
                }
            }
        }
    }

    @Test
    void tiesFromItemsWithIdenticalCodesGoToTheLowerIndex() {
        // 2 codebooks x 2 codewords: 4 distinct code pairs over 50 items, so every score is shared
        LisaModel model = RandomModels.build(RandomModels.config(Variant.LISA_BASE, 50, 8, 10, 0.1, 2, 2), 3);
        InferenceModel inference = InferenceModel.compile(model);
        float[] z = inference.userVector(new int[] {1, 2});
        ScoredItems top = inference.topK(z, 12, new int[] {0});
        assertThat(top.items()).containsExactly(TopK.select(maskFirst(inference.scoreAll(z)), 12).items());
        for (int i = 1; i < top.size(); i++) {
            boolean ordered = top.scores()[i] < top.scores()[i - 1]
                    || (top.scores()[i] == top.scores()[i - 1] && top.items()[i] > top.items()[i - 1]);
            assertThat(ordered).as("rank %d", i).isTrue();
        }
    }

    @Test
    void catalogueBytesAreOneBytePerCodeUpTo256Codewords() {
        LisaModel packed = RandomModels.build(RandomModels.config(Variant.LISA_BASE, 30, 8, 10, 0.1, 8, 16), 1);
        LisaModel wide = RandomModels.build(RandomModels.config(Variant.LISA_BASE, 30, 8, 10, 0.1, 3, 300), 1);
        LisaModel dense = RandomModels.build(RandomModels.config(Variant.SASREC, 30, 8, 10, 0.1, 0, 0), 1);
        assertThat(InferenceModel.compile(packed).catalogueBytes()).isEqualTo(30L * 8);
        assertThat(InferenceModel.compile(wide).catalogueBytes()).isEqualTo(30L * 3 * 4);
        assertThat(InferenceModel.compile(dense).catalogueBytes()).isEqualTo(30L * 8 * 4);
    }

    private static float[] maskFirst(float[] scores) {
        scores[0] = Float.NEGATIVE_INFINITY;
        return scores;
    }

    /** sum over codebooks in ascending order of z . C_b[code], with the table entry computed as the scorer does. */
    private static float[] directScores(LisaModel model, Variant v, float[] z) {
        boolean mini = v == Variant.LISA_MINI;
        int b = mini ? model.config().targetCodebooks() : model.config().codebooks();
        int w = mini ? model.config().targetCodewords() : model.config().codewords();
        int d = model.config().dim();
        float[] c = model.floats(mini ? TensorSpec.TARGET_CODEBOOKS : TensorSpec.CODEBOOKS);
        int[] codes = model.ints(mini ? TensorSpec.TARGET_CODES : TensorSpec.CODES);
        int n = codes.length / b;
        float[] out = new float[n];
        for (int item = 0; item < n; item++) {
            float score = 0f;
            for (int cb = 0; cb < b; cb++) {
                score += Linear.dot(z, 0, c, (cb * w + codes[item * b + cb]) * d, d);
            }
            out[item] = score;
        }
        return out;
    }
}

package io.lisastream.bench.attention;

import io.lisastream.bench.kernel.Matrices;
import java.util.SplittableRandom;

/**
 * Random parameters and inputs for the attention benchmark, scaled like an initialised model
 * (entries of C and X ~ N(0, 1), projections ~ N(0, 1/D)) so attention logits are of order one.
 * Costs do not depend on the values; the scale only keeps the arithmetic in its normal range.
 */
public final class AttentionSetup {
    /** The paper's decay lambda. */
    public static final double DECAY = 0.1;

    private AttentionSetup() {
    }

    public static LisaSequenceAttention lisa(int b, int w, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double std = 1.0 / Math.sqrt(d);
        return new LisaSequenceAttention(b, w, d, DECAY, Matrices.gaussian(b * w, d, 1.0, rnd),
                Matrices.gaussian(b * d, d, std, rnd), Matrices.gaussian(b * d, d, std, rnd),
                Matrices.gaussian(b * d, d, std, rnd));
    }

    /** [Wq, Wk, Wv], each [D][D]. */
    public static float[][][] vanillaWeights(int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double std = 1.0 / Math.sqrt(d);
        return new float[][][] {Matrices.gaussian(d, d, std, rnd), Matrices.gaussian(d, d, std, rnd),
            Matrices.gaussian(d, d, std, rnd)};
    }

    /** Codes of L random items: [L*B], uniform over W codewords. */
    public static int[] codes(int length, int b, int w, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] codes = new int[length * b];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rnd.nextInt(w);
        }
        return codes;
    }

    /** Inputs X [L][D] of vanilla attention (item plus position embeddings). */
    public static float[][] inputs(int length, int d, long seed) {
        return Matrices.gaussian(length, d, 1.0, new SplittableRandom(seed));
    }
}

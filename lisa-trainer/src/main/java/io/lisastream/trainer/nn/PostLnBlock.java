package io.lisastream.trainer.nn;

import java.util.SplittableRandom;

/**
 * The post-LayerNorm block around an attention output o for input x (dropout on o and on the
 * feed-forward output; x arrives already dropped out):
 * <pre>
 *   y = LN1(x + dropout(o));  z = LN2(y + dropout(FFN(y)))
 * </pre>
 * Shapes: x, o, y, z [P, D]. Parameters are named ln1_gamma, ..., ffn_b2 after a prefix
 * ({@link SequenceNetwork#blockParam}: none for the first block).
 */
public final class PostLnBlock {
    private final LayerNorm ln1;
    private final LayerNorm ln2;
    private final FeedForward ffn;
    private final Dropout dropAttn;
    private final Dropout dropFfn;
    private int p;
    private int d;

    public PostLnBlock(ParamSet params, String prefix, int d, int f, double dropout, double eps) {
        this.d = d;
        this.ln1 = new LayerNorm(params.get(prefix + "ln1_gamma"), params.get(prefix + "ln1_beta"), d, eps);
        this.ln2 = new LayerNorm(params.get(prefix + "ln2_gamma"), params.get(prefix + "ln2_beta"), d, eps);
        this.ffn = new FeedForward(params.get(prefix + "ffn_w1"), params.get(prefix + "ffn_b1"),
                params.get(prefix + "ffn_w2"), params.get(prefix + "ffn_b2"), d, f, dropout);
        this.dropAttn = new Dropout(dropout);
        this.dropFfn = new Dropout(dropout);
    }

    /** Registers the block's parameters, named after {@code prefix}, with their initial values. */
    public static void register(ParamSet params, String prefix, int d, int f, java.util.Random rng) {
        params.add(new Param(prefix + "ln1_gamma", d).fill(1f));
        params.add(new Param(prefix + "ln1_beta", d));
        params.add(new Param(prefix + "ln2_gamma", d).fill(1f));
        params.add(new Param(prefix + "ln2_beta", d));
        params.add(new Param(prefix + "ffn_w1", d, f).uniform(rng, Math.sqrt(6.0 / (d + f))));
        params.add(new Param(prefix + "ffn_b1", f));
        params.add(new Param(prefix + "ffn_w2", f, d).uniform(rng, Math.sqrt(6.0 / (d + f))));
        params.add(new Param(prefix + "ffn_b2", d));
    }

    public float[] forward(float[] x, float[] o, int p, boolean train, SplittableRandom rng) {
        this.p = p;
        float[] od = dropAttn.forward(o, train, rng);
        float[] s1 = new float[p * d];
        for (int i = 0; i < s1.length; i++) {
            s1[i] = x[i] + od[i];
        }
        float[] y = ln1.forward(s1, p);
        float[] f = dropFfn.forward(ffn.forward(y, p, train, rng), train, rng);
        float[] s2 = new float[p * d];
        for (int i = 0; i < s2.length; i++) {
            s2[i] = y[i] + f[i];
        }
        return ln2.forward(s2, p);
    }

    /** @return {gX, gO} */
    public float[][] backward(float[] gZ) {
        float[] gS2 = ln2.backward(gZ);
        float[] gY = ffn.backward(dropFfn.backward(gS2));
        for (int i = 0; i < gY.length; i++) {
            gY[i] += gS2[i];
        }
        float[] gS1 = ln1.backward(gY);
        float[] gO = dropAttn.backward(gS1);
        return new float[][] {gS1, gO};
    }
}

package io.lisastream.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of every layer on tiny sizes. */
class LayerGradientTest {
    private static final int D = 6;

    /**
     * The table's gradient with one decay factor for every column, then with a factor per column
     * (learned decays), where the factors get their own gradient.
     */
    @Test
    void decayedHistogram() {
        Random rng = new Random(11);
        int n = 5;
        int k = 4;
        int len = 6;
        int batch = 3;
        int[] items = {0, 1, 2, 3, 3, -1, 4, 0, -1, 1, 1, -1, 2, -1, -1, 0, -1, -1};
        float[] table = GradCheck.random(rng, n * k, 1.0);
        float[] up = GradCheck.random(rng, len * batch * k, 1.0);
        DoubleSupplier uniform = () -> GradCheck.dot(DecayedHistogram.forward(table, k, items, len, batch, 0.8f), up);
        float[] g = new float[n * k];
        DecayedHistogram.backward(up.clone(), k, items, len, batch, 0.8f, g);
        GradCheck.check("table", uniform, table, g, 100, 1);

        float[] decay = {0.9f, 0.5f, 0.99f, 0.7f};
        DoubleSupplier perColumn = () -> GradCheck.dot(DecayedHistogram.forward(table, k, items, len, batch, decay),
                up);
        float[] h = DecayedHistogram.forward(table, k, items, len, batch, decay);
        float[] gTable = new float[n * k];
        double[] gR = new double[k];
        DecayedHistogram.backward(up.clone(), k, items, len, batch, decay, gTable, h, gR);
        GradCheck.check("table, per-column decay", perColumn, table, gTable, 100, 1);
        float[] gRf = new float[k];
        for (int j = 0; j < k; j++) {
            gRf[j] = (float) gR[j];
        }
        GradCheck.check("r", perColumn, decay, gRf, k, 2);
    }

    @Test
    void decayedHistogramMatchesTheClosedFormAndStaysFiniteAtAnyLength() {
        int len = 5000;
        int[] items = new int[len];
        float[] table = {1f, 0f, 0f, 1f}; // item 0 -> codeword 0, item 1 -> codeword 1
        for (int t = 0; t < len; t++) {
            items[t] = t % 3 == 0 ? 1 : 0;
        }
        float r = (float) Math.exp(-0.1);
        float[] h = DecayedHistogram.forward(table, 2, items, len, 1, r);
        for (float v : h) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        double h0 = 0;
        double h1 = 0;
        for (int j = 0; j < len; j++) {
            double wgt = Math.pow(r, len - 1 - j);
            h0 += items[j] == 0 ? wgt : 0;
            h1 += items[j] == 1 ? wgt : 0;
        }
        assertThat((double) h[(len - 1) * 2]).isCloseTo(h0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat((double) h[(len - 1) * 2 + 1]).isCloseTo(h1, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void codewordAttention() {
        Random rng = new Random(12);
        int b = 2;
        int w = 3;
        int p = 7;
        Param c = new Param("codebooks", b, w, D).normal(rng, 0.7);
        Param wq = new Param("w_q", b, D, D).normal(rng, 0.7);
        Param wk = new Param("w_k", b, D, D).normal(rng, 0.7);
        Param wv = new Param("w_v", b, D, D).normal(rng, 0.7);
        CodewordAttention attn = new CodewordAttention(c, wq, wk, wv, b, w, D);
        float[] h = new float[p * b * w];
        for (int i = 0; i < h.length; i++) {
            h[i] = i % 5 == 0 ? 0f : 0.1f + rng.nextFloat(); // some codewords absent
        }
        int[] q = new int[p * b];
        for (int i = 0; i < q.length; i++) {
            q[i] = rng.nextInt(w);
        }
        float[] r = GradCheck.random(rng, p * D, 1.0);
        DoubleSupplier loss = () -> GradCheck.dot(attn.forward(h, q, p), r);
        loss.getAsDouble();
        float[] gh = attn.backward(r);
        GradCheck.check("h", loss, h, gh, 200, 1);
        GradCheck.check("codebooks", loss, c.value, c.grad.clone(), 100, 2);
        GradCheck.check("w_q", loss, wq.value, wq.grad.clone(), 100, 3);
        GradCheck.check("w_k", loss, wk.value, wk.grad.clone(), 100, 4);
        GradCheck.check("w_v", loss, wv.value, wv.grad.clone(), 100, 5);
    }

    @Test
    void causalSelfAttention() {
        Random rng = new Random(13);
        int len = 5;
        int batch = 3;
        int[] lengths = {5, 2, 4};
        Param wq = new Param("w_q", 1, D, D).normal(rng, 0.5);
        Param wk = new Param("w_k", 1, D, D).normal(rng, 0.5);
        Param wv = new Param("w_v", 1, D, D).normal(rng, 0.5);
        CausalSelfAttention attn = new CausalSelfAttention(wq, wk, wv, D);
        float[] x = GradCheck.random(rng, len * batch * D, 1.0);
        float[] r = GradCheck.random(rng, len * batch * D, 1.0);
        DoubleSupplier loss = () -> GradCheck.dot(attn.forward(x, lengths, len, batch), r);
        loss.getAsDouble();
        float[] gx = attn.backward(r);
        GradCheck.check("x", loss, x, gx, 200, 1);
        GradCheck.check("w_q", loss, wq.value, wq.grad.clone(), 100, 2);
        GradCheck.check("w_k", loss, wk.value, wk.grad.clone(), 100, 3);
        GradCheck.check("w_v", loss, wv.value, wv.grad.clone(), 100, 4);
    }

    @Test
    void causalSelfAttentionIgnoresTheFuture() {
        Random rng = new Random(14);
        Param wq = new Param("w_q", 1, D, D).normal(rng, 0.5);
        Param wk = new Param("w_k", 1, D, D).normal(rng, 0.5);
        Param wv = new Param("w_v", 1, D, D).normal(rng, 0.5);
        CausalSelfAttention attn = new CausalSelfAttention(wq, wk, wv, D);
        float[] x = GradCheck.random(rng, 4 * D, 1.0);
        float[] before = attn.forward(x, new int[] {4}, 4, 1).clone();
        for (int j = 0; j < D; j++) {
            x[3 * D + j] += 5f;
        }
        float[] after = attn.forward(x, new int[] {4}, 4, 1);
        for (int i = 0; i < 3 * D; i++) {
            assertThat(after[i]).isEqualTo(before[i]);
        }
    }

    @Test
    void postLnBlockWithDropout() {
        Random rng = new Random(15);
        int p = 6;
        int f = 9;
        ParamSet params = new ParamSet();
        PostLnBlock.register(params, "", D, f, rng);
        for (Param q : params.all()) {
            for (int i = 0; i < q.size(); i++) {
                q.value[i] += (float) (rng.nextGaussian() * 0.3);
            }
        }
        PostLnBlock block = new PostLnBlock(params, "", D, f, 0.1, 1e-5);
        float[] x = GradCheck.random(rng, p * D, 1.0);
        float[] o = GradCheck.random(rng, p * D, 1.0);
        float[] r = GradCheck.random(rng, p * D, 1.0);
        // same seed each call -> the same dropout masks
        DoubleSupplier loss = () -> GradCheck.dot(block.forward(x, o, p, true, new SplittableRandom(5)), r);
        loss.getAsDouble();
        float[][] g = block.backward(r);
        float[] gx = g[0].clone();
        float[] go = g[1].clone();
        GradCheck.check("x", loss, x, gx, 100, 1);
        GradCheck.check("o", loss, o, go, 100, 2);
        for (Param q : params.all()) {
            GradCheck.check(q.name(), loss, q.value, q.grad.clone(), 60, 3);
        }
    }

    @Test
    void bceLoss() {
        Random rng = new Random(16);
        int n = 5;
        int p = 6;
        float[] z = GradCheck.random(rng, p * D, 1.0);
        float[] table = GradCheck.random(rng, n * D, 1.0);
        int[] targets = {0, 3, -1, 4, 4, 1};
        int[] neg = {2, 2, 0, 1, 3, 0};
        DoubleSupplier loss = () -> BceLoss.evaluate(z, table, targets, neg, 5, D, null, null);
        float[] gz = new float[p * D];
        float[] gt = new float[n * D];
        BceLoss.evaluate(z, table, targets, neg, 5, D, gz, gt);
        GradCheck.check("z", loss, z, gz, 100, 1);
        GradCheck.check("table", loss, table, gt, 100, 2);
    }

    @Test
    void softmaxCrossEntropySampledAndFull() {
        Random rng = new Random(17);
        int n = 5;
        int p = 6;
        float[] z = GradCheck.random(rng, p * D, 1.0);
        float[] table = GradCheck.random(rng, n * D, 1.0);
        int[] targets = {0, 3, -1, 4, 4, 1};
        for (int[] sample : new int[][] {{1, 1, 2, 4}, {0, 1, 2, 3, 4}}) {
            DoubleSupplier loss = () -> SoftmaxCrossEntropy.evaluate(z, table, targets, sample, D, null, null);
            float[] gz = new float[p * D];
            float[] gt = new float[n * D];
            SoftmaxCrossEntropy.evaluate(z, table, targets, sample, D, gz, gt);
            GradCheck.check("z", loss, z, gz, 100, 1);
            GradCheck.check("table", loss, table, gt, 100, 2);
        }
    }

    @Test
    void fullSoftmaxEqualsTheTextbookFormula() {
        Random rng = new Random(18);
        int n = 4;
        float[] z = GradCheck.random(rng, D, 1.0);
        float[] table = GradCheck.random(rng, n * D, 1.0);
        double loss = SoftmaxCrossEntropy.evaluate(z, table, new int[] {2}, new int[] {0, 1, 2, 3}, D, null, null);
        double[] s = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < D; j++) {
                s[i] += z[j] * table[i * D + j];
            }
            sum += Math.exp(s[i]);
        }
        assertThat(loss).isCloseTo(Math.log(sum) - s[2], org.assertj.core.data.Offset.offset(1e-5));
    }
}

package io.lisastream.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of the residual quantizer, hard (straight-through) and soft. */
class QuantizerGradientTest {
    private static final int N = 6;
    private static final int B = 3;
    private static final int W = 4;
    private static final int D = 5;

    @Test
    void straightThroughGradientIsTheGradientOfTheSoftSurrogate() {
        check(true);
    }

    @Test
    void softAssignmentGradient() {
        check(false);
    }

    @Test
    void hardForwardIsExactlyOneHotAndCodesAreTheArgmaxOfTheResidualChain() {
        Random rng = new Random(3);
        Param c = new Param("codebooks", B, W, D).normal(rng, 0.5);
        Param m = new Param("bilinear", D, D).normal(rng, 0.5);
        ResidualQuantizer q = new ResidualQuantizer(c, m, B, W, D, 0.7, true);
        float[] x = GradCheck.random(rng, N * D, 1.0);
        ResidualQuantizer.Output out = q.forward(x, N);
        float[] res = x.clone();
        for (int k = 0; k < B; k++) {
            for (int i = 0; i < N; i++) {
                int code = out.codes()[i * B + k];
                // argmax of (res M) . C_k[w]
                double best = Double.NEGATIVE_INFINITY;
                int arg = -1;
                for (int w = 0; w < W; w++) {
                    double s = 0;
                    for (int a = 0; a < D; a++) {
                        double rm = 0;
                        for (int e = 0; e < D; e++) {
                            rm += res[i * D + e] * m.value[e * D + a];
                        }
                        s += rm * c.value[(k * W + w) * D + a];
                    }
                    if (s > best) {
                        best = s;
                        arg = w;
                    }
                }
                assertThat(code).isEqualTo(arg);
                for (int w = 0; w < W; w++) {
                    assertThat(out.assign()[(i * B + k) * W + w]).isEqualTo(w == code ? 1f : 0f);
                }
                for (int a = 0; a < D; a++) {
                    res[i * D + a] -= c.value[(k * W + code) * D + a];
                }
            }
        }
        for (int i = 0; i < N * D; i++) {
            assertThat(out.recon()[i]).isCloseTo(x[i] - res[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    private void check(boolean hard) {
        Random rng = new Random(hard ? 1 : 2);
        Param c = new Param("codebooks", B, W, D).normal(rng, 0.5);
        Param m = new Param("bilinear", D, D).normal(rng, 0.5);
        ResidualQuantizer q = new ResidualQuantizer(c, m, B, W, D, 0.7, hard);
        float[] x = GradCheck.random(rng, N * D, 1.0);
        float[] rRecon = GradCheck.random(rng, N * D, 1.0);
        float[] rAssign = GradCheck.random(rng, N * B * W, 1.0);
        q.forward(x, N);
        if (hard) {
            q.freezeStraightThrough(q.straightThroughOffset());
        }
        java.util.function.DoubleSupplier loss = () -> {
            ResidualQuantizer.Output o = q.forward(x, N);
            return GradCheck.dot(o.recon(), rRecon) + GradCheck.dot(o.assign(), rAssign);
        };
        loss.getAsDouble();
        c.zeroGrad();
        m.zeroGrad();
        float[] gx = q.backward(rAssign, rRecon);
        GradCheck.check("x", loss, x, gx, 100, 1);
        GradCheck.check("codebooks", loss, c.value, c.grad.clone(), 100, 2);
        GradCheck.check("bilinear", loss, m.value, m.grad.clone(), 100, 3);
    }
}

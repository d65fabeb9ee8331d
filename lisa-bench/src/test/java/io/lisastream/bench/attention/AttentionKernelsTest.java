package io.lisastream.bench.attention;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.bench.kernel.Gemm;
import io.lisastream.bench.kernel.Matrices;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The benchmark's kernels compute what they claim: each checked against a direct double-precision formula. */
class AttentionKernelsTest {
    private static final int D = 16;

    @Test
    void gemmRowMatchesTheDefinitionForEveryRange() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[][] a = Matrices.gaussian(3, 11, 1, rnd);
        float[][] b = Matrices.gaussian(13, 9, 1, rnd);
        float[] c = new float[9];
        Gemm.row(a[1], b, 2, c, 1, 10, 2, 7);
        for (int j = 0; j < 9; j++) {
            double expected = 0;
            if (j >= 2 && j < 7) {
                for (int p = 1; p < 10; p++) {
                    expected += a[1][p] * b[2 + p][j];
                }
            }
            assertThat((double) c[j]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void lisaMatchesTheDirectFormulaAtEveryPositionIncludingAfterRenormalising() {
        int b = 3;
        int w = 7;
        int length = 900; // the lazy scale renormalises every 400 positions at lambda = 0.1
        LisaSequenceAttention lisa = AttentionSetup.lisa(b, w, D, 5);
        int[] codes = AttentionSetup.codes(length, b, w, 6);
        float[][] out = lisa.forward(codes);
        LisaSequenceAttention.Tables tables = lisa.tables();
        double r = Math.exp(-AttentionSetup.DECAY);
        for (int t : new int[] {0, 1, 5, 399, 400, 401, 799, 899}) {
            double[] expected = new double[D];
            for (int cb = 0; cb < b; cb++) {
                double[] h = new double[w];
                for (int j = 0; j <= t; j++) {
                    h[codes[j * b + cb]] += Math.pow(r, t - j);
                }
                float[] logits = tables.logits()[cb * w + codes[t * b + cb]];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < w; k++) {
                    max = Math.max(max, logits[k]);
                }
                double z = 0;
                double[] alpha = new double[w];
                for (int k = 0; k < w; k++) {
                    alpha[k] = h[k] * Math.exp(logits[k] - max);
                    z += alpha[k];
                }
                for (int k = 0; k < w; k++) {
                    for (int i = 0; i < D; i++) {
                        expected[i] += alpha[k] / z * tables.values()[cb * w + k][i];
                    }
                }
            }
            for (int i = 0; i < D; i++) {
                assertThat((double) out[t][i]).as("o[%d][%d]", t, i)
                        .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(2e-4 * (1 + Math.abs(expected[i]))));
            }
        }
    }

    @Test
    void bothVanillaKernelsMatchTheDirectFormula() {
        int length = 700; // crosses the column, key and query tiles
        float[][][] w = AttentionSetup.vanillaWeights(D, 8);
        float[][] x = AttentionSetup.inputs(length, D, 9);
        float[][] materialised = new MaterialisedSoftmaxAttention(w[0], w[1], w[2]).forward(x);
        float[][] online = new OnlineSoftmaxAttention(w[0], w[1], w[2]).forward(x);
        double[][] q = multiply(x, w[0]);
        double[][] k = multiply(x, w[1]);
        double[][] v = multiply(x, w[2]);
        for (int t : new int[] {0, 1, 63, 64, 255, 256, 511, 512, 699}) {
            double[] s = new double[t + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= t; j++) {
                for (int i = 0; i < D; i++) {
                    s[j] += q[t][i] * k[j][i];
                }
                s[j] /= Math.sqrt(D);
                max = Math.max(max, s[j]);
            }
            double z = 0;
            for (int j = 0; j <= t; j++) {
                s[j] = Math.exp(s[j] - max);
                z += s[j];
            }
            for (int i = 0; i < D; i++) {
                double expected = 0;
                for (int j = 0; j <= t; j++) {
                    expected += s[j] / z * v[j][i];
                }
                org.assertj.core.data.Offset<Double> tol = org.assertj.core.data.Offset.offset(2e-4 * (1 + Math.abs(expected)));
                assertThat((double) materialised[t][i]).as("materialised o[%d][%d]", t, i).isCloseTo(expected, tol);
                assertThat((double) online[t][i]).as("online o[%d][%d]", t, i).isCloseTo(expected, tol);
            }
        }
    }

    private static double[][] multiply(float[][] a, float[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int p = 0; p < b.length; p++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += (double) a[i][p] * b[p][j];
                }
            }
        }
        return c;
    }
}

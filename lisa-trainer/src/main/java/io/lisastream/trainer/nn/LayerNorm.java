package io.lisastream.trainer.nn;

import java.util.stream.IntStream;

/**
 * LayerNorm over the last axis with the biased variance, as PyTorch:
 * y = gamma * (x - mean) / sqrt(var + eps) + beta. Shapes: x, y [P, D]; gamma, beta [D].
 */
public final class LayerNorm {
    private final Param gamma;
    private final Param beta;
    private final int d;
    private final float eps;
    private float[] xhat;
    private float[] invStd;
    private int p;

    public LayerNorm(Param gamma, Param beta, int d, double eps) {
        this.gamma = gamma;
        this.beta = beta;
        this.d = d;
        this.eps = (float) eps;
    }

    public float[] forward(float[] x, int p) {
        this.p = p;
        xhat = new float[p * d];
        invStd = new float[p];
        float[] y = new float[p * d];
        float[] g = gamma.value;
        float[] bt = beta.value;
        IntStream.range(0, p).parallel().forEach(i -> {
            int off = i * d;
            double mean = 0;
            for (int j = 0; j < d; j++) {
                mean += x[off + j];
            }
            mean /= d;
            double var = 0;
            for (int j = 0; j < d; j++) {
                double c = x[off + j] - mean;
                var += c * c;
            }
            var /= d;
            float is = (float) (1.0 / Math.sqrt(var + eps));
            invStd[i] = is;
            for (int j = 0; j < d; j++) {
                float xh = (float) (x[off + j] - mean) * is;
                xhat[off + j] = xh;
                y[off + j] = g[j] * xh + bt[j];
            }
        });
        return y;
    }

    /** @return d loss / d x; gamma and beta gradients are accumulated. */
    public float[] backward(float[] gy) {
        float[] gx = new float[p * d];
        float[] g = gamma.value;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        float[][] gg = new float[threads][d];
        float[][] gb = new float[threads][d];
        IntStream.range(0, threads).parallel().forEach(th -> {
            float[] gGamma = gg[th];
            float[] gBeta = gb[th];
            for (int i = th; i < p; i += threads) {
                int off = i * d;
                double m1 = 0;
                double m2 = 0;
                for (int j = 0; j < d; j++) {
                    float gxh = gy[off + j] * g[j];
                    m1 += gxh;
                    m2 += gxh * xhat[off + j];
                    gGamma[j] += gy[off + j] * xhat[off + j];
                    gBeta[j] += gy[off + j];
                }
                float a = (float) (m1 / d);
                float c = (float) (m2 / d);
                float is = invStd[i];
                for (int j = 0; j < d; j++) {
                    float gxh = gy[off + j] * g[j];
                    gx[off + j] = is * (gxh - a - xhat[off + j] * c);
                }
            }
        });
        for (int th = 0; th < threads; th++) {
            for (int j = 0; j < d; j++) {
                gamma.grad[j] += gg[th][j];
                beta.grad[j] += gb[th][j];
            }
        }
        return gx;
    }
}

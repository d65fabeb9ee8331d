package io.lisastream.model.inference;

/**
 * LN(v) = gamma * (v - mean(v)) / sqrt(var(v) + eps) + beta, with the biased variance (the mean of
 * squared deviations), as PyTorch computes it.
 */
final class LayerNorm {
    private final float[] gamma;
    private final float[] beta;
    private final double eps;

    LayerNorm(float[] gamma, float[] beta, double eps) {
        this.gamma = gamma;
        this.beta = beta;
        this.eps = eps;
    }

    /** Normalises {@code v} (length D) in place. */
    void applyInPlace(float[] v) {
        int d = v.length;
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= d;
        double var = 0;
        for (float x : v) {
            double c = x - mean;
            var += c * c;
        }
        var /= d;
        double inv = 1.0 / Math.sqrt(var + eps);
        for (int i = 0; i < d; i++) {
            v[i] = (float) (gamma[i] * ((v[i] - mean) * inv) + beta[i]);
        }
    }
}

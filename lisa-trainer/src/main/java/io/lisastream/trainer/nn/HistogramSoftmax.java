package io.lisastream.trainer.nn;

/**
 * The softmax of one LISA head weighted by a histogram, for one position, forward and backward:
 * <pre>
 *   alpha[w] = h[w] e[w] / Z,   Z = sum_w' h[w'] e[w'],   e[w] = exp(s[w] - max_w' s[w'])
 *   d s[w]   = alpha[w] (gAlpha[w] - &lt;alpha, gAlpha&gt;)
 *   d h[w]   = e[w] / Z (gAlpha[w] - &lt;alpha, gAlpha&gt;)
 * </pre>
 * Arrays are flat with offsets; a head's W entries are contiguous in each.
 */
final class HistogramSoftmax {
    private HistogramSoftmax() {
    }

    /** Writes alpha[aOff, aOff + w) and returns Z (0 when the histogram is empty: alpha is then 0). */
    static float forward(float[] h, float[] e, int eOff, float[] alpha, int aOff, int w) {
        double sum = 0;
        for (int j = 0; j < w; j++) {
            float u = h[aOff + j] * e[eOff + j];
            alpha[aOff + j] = u;
            sum += u;
        }
        float z = (float) sum;
        float inv = z > 0 ? 1f / z : 0f;
        for (int j = 0; j < w; j++) {
            alpha[aOff + j] *= inv;
        }
        return z;
    }

    /**
     * Adds d s into gS[sOff, sOff + w) and overwrites gAlpha[aOff, aOff + w) with d h (alpha, gAlpha
     * and h share the offset aOff).
     */
    static void backward(float[] alpha, float[] gAlpha, int aOff, float[] e, int eOff, float z, float[] gS,
            int sOff, int w) {
        double dot = 0;
        for (int j = 0; j < w; j++) {
            dot += alpha[aOff + j] * gAlpha[aOff + j];
        }
        float invZ = z > 0 ? 1f / z : 0f;
        float dt = (float) dot;
        for (int j = 0; j < w; j++) {
            float g = gAlpha[aOff + j] - dt;
            gS[sOff + j] += alpha[aOff + j] * g;
            gAlpha[aOff + j] = e[eOff + j] * invZ * g;
        }
    }
}

package io.lisastream.trainer.nn;

import java.util.SplittableRandom;

/**
 * Position-wise feed-forward layer: f = W2 dropout(ReLU(y W1 + b1)) + b2.
 * Shapes: y, f [P, D]; W1 [D, F]; b1 [F]; W2 [F, D]; b2 [D].
 */
public final class FeedForward {
    private final Param w1;
    private final Param b1;
    private final Param w2;
    private final Param b2;
    private final int d;
    private final int f;
    private final Dropout dropout;
    private float[] y;
    private float[] hidden;   // after ReLU (pre-dropout)
    private float[] dropped;  // after dropout
    private int p;

    public FeedForward(Param w1, Param b1, Param w2, Param b2, int d, int f, double dropout) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.d = d;
        this.f = f;
        this.dropout = new Dropout(dropout);
    }

    public float[] forward(float[] y, int p, boolean train, SplittableRandom rng) {
        this.y = y;
        this.p = p;
        hidden = new float[p * f];
        Blas.mm(y, w1.value, hidden, p, d, f);
        for (int i = 0; i < p; i++) {
            int off = i * f;
            for (int j = 0; j < f; j++) {
                float h = hidden[off + j] + b1.value[j];
                hidden[off + j] = h > 0 ? h : 0f;
            }
        }
        dropped = dropout.forward(hidden, train, rng);
        float[] out = new float[p * d];
        Blas.mm(dropped, w2.value, out, p, f, d);
        for (int i = 0; i < p; i++) {
            int off = i * d;
            for (int j = 0; j < d; j++) {
                out[off + j] += b2.value[j];
            }
        }
        return out;
    }

    public float[] backward(float[] gOut) {
        Blas.gemm(true, false, f, d, p, 1f, dropped, gOut, 1f, w2.grad);
        for (int i = 0; i < p; i++) {
            int off = i * d;
            for (int j = 0; j < d; j++) {
                b2.grad[j] += gOut[off + j];
            }
        }
        float[] gDropped = new float[p * f];
        Blas.gemm(false, true, p, f, d, 1f, gOut, w2.value, 0f, gDropped);
        float[] gHidden = dropout.backward(gDropped);
        for (int i = 0; i < p; i++) {
            int off = i * f;
            for (int j = 0; j < f; j++) {
                if (hidden[off + j] <= 0f) {
                    gHidden[off + j] = 0f;
                } else {
                    b1.grad[j] += gHidden[off + j];
                }
            }
        }
        Blas.gemm(true, false, d, f, p, 1f, y, gHidden, 1f, w1.grad);
        float[] gy = new float[p * d];
        Blas.gemm(false, true, p, d, f, 1f, gHidden, w1.value, 0f, gy);
        return gy;
    }
}

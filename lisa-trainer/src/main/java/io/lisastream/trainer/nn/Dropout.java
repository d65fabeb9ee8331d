package io.lisastream.trainer.nn;

import java.util.SplittableRandom;

/** Inverted dropout: in training, zero each entry with probability rate and scale the rest by 1/(1-rate). */
public final class Dropout {
    private final float rate;
    private float[] mask;

    public Dropout(double rate) {
        this.rate = (float) rate;
    }

    /** Returns x itself in eval mode or with rate 0, else a new masked array. */
    public float[] forward(float[] x, boolean train, SplittableRandom rng) {
        if (!train || rate == 0f) {
            mask = null;
            return x;
        }
        float keep = 1f - rate;
        float scale = 1f / keep;
        mask = new float[x.length];
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            if (rng.nextFloat() < keep) {
                mask[i] = scale;
                y[i] = x[i] * scale;
            }
        }
        return y;
    }

    public float[] backward(float[] gy) {
        if (mask == null) {
            return gy;
        }
        float[] gx = new float[gy.length];
        for (int i = 0; i < gy.length; i++) {
            gx[i] = gy[i] * mask[i];
        }
        return gx;
    }
}

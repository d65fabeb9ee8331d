package io.lisastream.trainer.nn;

import java.util.SplittableRandom;

/**
 * The sum of two objectives over the same user vectors, e.g. the softmax cross-entropy (which ranks
 * the target against the highest-scoring items) plus BCE on a uniform negative per position (which
 * keeps pushing arbitrary, mostly unpopular items below the target, as the sampled protocol tests).
 */
public final class SumLoss implements Loss {
    private final Loss first;
    private final Loss second;

    public SumLoss(Loss first, Loss second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public double forwardBackward(float[] z, float[] targetTable, Batch batch, int d, int numItems,
            SplittableRandom rng, float[] gZ, float[] gTarget) {
        float[] g2 = gZ == null ? null : new float[gZ.length];
        double loss = first.forwardBackward(z, targetTable, batch, d, numItems, rng, gZ, gTarget)
                + second.forwardBackward(z, targetTable, batch, d, numItems, rng, g2, gTarget);
        if (gZ != null) {
            for (int i = 0; i < gZ.length; i++) {
                gZ[i] += g2[i];
            }
        }
        return loss;
    }
}

package io.lisastream.trainer.nn;

import java.util.SplittableRandom;

/**
 * The SASRec/LISA objective: per position one positive (the next item) and one negative drawn
 * uniformly from the catalogue (redrawn if it equals the positive, or, with {@code excludeSeen},
 * if it is one of the sequence's own items as in SASRec's sampler):
 * loss = -log sigmoid(z.e_pos) - log(1 - sigmoid(z.e_neg)), averaged over positions.
 */
public final class BceLoss implements Loss {
    private final boolean excludeSeen;
    private int[] lastNegatives;

    public BceLoss() {
        this(false);
    }

    public BceLoss(boolean excludeSeen) {
        this.excludeSeen = excludeSeen;
    }

    @Override
    public double forwardBackward(float[] z, float[] table, Batch batch, int d, int numItems, SplittableRandom rng,
            float[] gZ, float[] gTarget) {
        int[] targets = batch.targets();
        int count = batch.targetCount();
        if (count == 0) {
            return 0;
        }
        SeenItems seen = excludeSeen ? SeenItems.of(batch, numItems) : null;
        int[] neg = new int[targets.length];
        for (int p = 0; p < targets.length; p++) {
            if (targets[p] >= 0) {
                // with every item seen there is nothing left to exclude: fall back to "not the positive"
                boolean skipSeen = seen != null && seen.distinct(p) < numItems;
                int n;
                do {
                    n = rng.nextInt(numItems);
                } while (numItems > 1 && (n == targets[p] || skipSeen && seen.excluded(p, n)));
                neg[p] = n;
            }
        }
        lastNegatives = neg;
        return evaluate(z, table, targets, neg, count, d, gZ, gTarget);
    }

    /** The loss for given negatives (deterministic; used by the gradient checks). */
    public static double evaluate(float[] z, float[] table, int[] targets, int[] neg, int count, int d, float[] gZ,
            float[] gTarget) {
        double loss = 0;
        float inv = 1f / count;
        for (int p = 0; p < targets.length; p++) {
            if (targets[p] < 0) {
                continue;
            }
            int zo = p * d;
            int po = targets[p] * d;
            int no = neg[p] * d;
            double sp = 0;
            double sn = 0;
            for (int j = 0; j < d; j++) {
                sp += z[zo + j] * table[po + j];
                sn += z[zo + j] * table[no + j];
            }
            loss += softplus(-sp) + softplus(sn);
            float gp = (float) ((sigmoid(sp) - 1) * inv);
            float gn = (float) (sigmoid(sn) * inv);
            if (gZ != null) {
                for (int j = 0; j < d; j++) {
                    gZ[zo + j] = gp * table[po + j] + gn * table[no + j];
                    gTarget[po + j] += gp * z[zo + j];
                    gTarget[no + j] += gn * z[zo + j];
                }
            }
        }
        return loss / count;
    }

    public int[] lastNegatives() {
        return lastNegatives;
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}

package io.lisastream.trainer.nn;

import java.util.SplittableRandom;

/**
 * Softmax cross-entropy of the next item against sampled negatives or the whole catalogue:
 * loss = -s_pos + log(exp(s_pos) + sum_{j in S, j != pos} exp(s_j)), averaged over positions.
 * With {@code negatives > 0}, S is one set of that many items drawn uniformly (with replacement)
 * per batch and shared by all its positions (one gemm); with 0, S is every item (full softmax).
 * With {@code excludeSeen}, S also leaves out the position's sequence's own items ({@link SeenItems}).
 */
public final class SoftmaxCrossEntropy implements Loss {
    private final int negatives;
    private final boolean excludeSeen;

    public SoftmaxCrossEntropy(int negatives) {
        this(negatives, false);
    }

    public SoftmaxCrossEntropy(int negatives, boolean excludeSeen) {
        this.excludeSeen = excludeSeen;
        if (negatives < 0) {
            throw new IllegalArgumentException("negatives must be >= 0 (0 = all items), got " + negatives);
        }
        this.negatives = negatives;
    }

    @Override
    public double forwardBackward(float[] z, float[] table, Batch batch, int d, int numItems, SplittableRandom rng,
            float[] gZ, float[] gTarget) {
        int[] sample;
        if (negatives == 0) {
            sample = new int[numItems];
            for (int i = 0; i < numItems; i++) {
                sample[i] = i;
            }
        } else {
            sample = new int[negatives];
            for (int i = 0; i < negatives; i++) {
                sample[i] = rng.nextInt(numItems);
            }
        }
        return evaluate(z, table, batch.targets(), sample, excludeSeen ? SeenItems.of(batch, numItems) : null, d, gZ,
                gTarget);
    }

    /** The loss for a given negative set (deterministic; used by the gradient checks). */
    public static double evaluate(float[] z, float[] table, int[] targets, int[] sample, int d, float[] gZ,
            float[] gTarget) {
        return evaluate(z, table, targets, sample, null, d, gZ, gTarget);
    }

    /**
     * The loss for a given negative set; position i leaves out its target and, if {@code seen} is not
     * null, every item {@code seen} excludes for it.
     */
    public static double evaluate(float[] z, float[] table, int[] targets, int[] sample, SeenItems seen, int d,
            float[] gZ, float[] gTarget) {
        int p = targets.length;
        int k = sample.length;
        int count = Batch.targetCount(targets);
        if (count == 0) {
            return 0;
        }
        float[] neg = new float[k * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(table, sample[j] * d, neg, j * d, d);
        }
        float[] s = new float[p * k];
        Blas.gemm(false, true, p, k, d, 1f, z, neg, 0f, s);
        float[] gPos = new float[p];
        double[] lossPart = new double[p];
        float inv = 1f / count;
        java.util.stream.IntStream.range(0, p).parallel().forEach(i -> {
            int off = i * k;
            int tgt = targets[i];
            if (tgt < 0) {
                java.util.Arrays.fill(s, off, off + k, 0f);
                return;
            }
            double sp = 0;
            for (int j = 0; j < d; j++) {
                sp += z[i * d + j] * table[tgt * d + j];
            }
            if (seen != null) {
                for (int j = 0; j < k; j++) {
                    if (sample[j] != tgt && seen.excluded(i, sample[j])) {
                        s[off + j] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
            float max = (float) sp;
            for (int j = 0; j < k; j++) {
                if (sample[j] != tgt && s[off + j] > max) {
                    max = s[off + j];
                }
            }
            double sum = Math.exp(sp - max);
            for (int j = 0; j < k; j++) {
                float e = sample[j] != tgt ? (float) Math.exp(s[off + j] - max) : 0f;
                s[off + j] = e;
                sum += e;
            }
            double lse = max + Math.log(sum);
            lossPart[i] = lse - sp;
            gPos[i] = (float) ((Math.exp(sp - lse) - 1) * inv);
            float scale = (float) (inv / sum);
            for (int j = 0; j < k; j++) {
                s[off + j] *= scale;
            }
        });
        double loss = 0;
        for (double l : lossPart) {
            loss += l;
        }
        if (gZ != null) {
            // gZ = gS neg + gPos e_pos;  gNeg = gS^T z
            Blas.mm(s, neg, gZ, p, k, d);
            float[] gNeg = new float[k * d];
            Blas.gemm(true, false, k, d, p, 1f, s, z, 0f, gNeg);
            for (int j = 0; j < k; j++) {
                int dst = sample[j] * d;
                for (int c = 0; c < d; c++) {
                    gTarget[dst + c] += gNeg[j * d + c];
                }
            }
            for (int i = 0; i < p; i++) {
                int tgt = targets[i];
                if (tgt < 0) {
                    continue;
                }
                float g = gPos[i];
                for (int c = 0; c < d; c++) {
                    gZ[i * d + c] += g * table[tgt * d + c];
                    gTarget[tgt * d + c] += g * z[i * d + c];
                }
            }
        }
        return loss / count;
    }
}

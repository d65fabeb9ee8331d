package io.lisastream.trainer.nn;

import java.util.SplittableRandom;

/** A training objective over the user vectors z of every position with a target. */
public interface Loss {
    /**
     * Mean loss over the positions with a target; writes d loss / d z into {@code gZ} [P, D] and
     * accumulates d loss / d targetTable into {@code gTarget} [N, D].
     */
    double forwardBackward(float[] z, float[] targetTable, Batch batch, int d, int numItems,
            SplittableRandom rng, float[] gZ, float[] gTarget);

    static Loss of(String name, int negatives) {
        return of(name, negatives, false);
    }

    /** @param excludeSeen never use a sequence's own items ({@link SeenItems}) as its negatives */
    static Loss of(String name, int negatives, boolean excludeSeen) {
        return switch (name) {
            case "bce" -> new BceLoss(excludeSeen);
            case "ce" -> new SoftmaxCrossEntropy(negatives, excludeSeen);
            case "ce+bce" -> new SumLoss(new SoftmaxCrossEntropy(negatives, excludeSeen), new BceLoss(excludeSeen));
            default -> throw new IllegalArgumentException("unknown loss '" + name + "' (expected bce, ce or ce+bce)");
        };
    }
}

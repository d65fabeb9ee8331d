package io.lisastream.model.eval;

import java.util.SplittableRandom;

/**
 * Negatives of the sampled protocol: {@code count} distinct items drawn uniformly (without
 * replacement) from the items a user never interacted with (whole sequence, targets included).
 * The draw depends only on (seed, user index, the user's items, numItems): never on the model or
 * on the order in which users are evaluated. The generator is a {@link SplittableRandom} seeded
 * with the (user + 1)-th output of SplitMix64 started at {@code seed}.
 */
public final class NegativeSampler {
    /** Negatives per user in the SASRec protocol. */
    public static final int DEFAULT_COUNT = 100;

    private NegativeSampler() {
    }

    /**
     * @param numItems   N, items are {@code 0..N-1}
     * @param interacted the user's items (repeats allowed)
     * @param count      number of negatives
     * @param seed       protocol seed
     * @param user       user index, part of the generator's seed
     * @return {@code int[count]} distinct items, none in {@code interacted}, in draw order
     * @throws IllegalArgumentException if fewer than {@code count} items remain
     */
    public static int[] sample(int numItems, int[] interacted, int count, long seed, int user) {
        boolean[] taken = new boolean[numItems];
        int distinct = 0;
        for (int i : interacted) {
            if (!taken[i]) {
                taken[i] = true;
                distinct++;
            }
        }
        int free = numItems - distinct;
        if (free < count) {
            throw new IllegalArgumentException("user index " + user + " interacted with " + distinct + " of "
                    + numItems + " items: fewer than " + count + " left to draw negatives from");
        }
        SplittableRandom rng = new SplittableRandom(userSeed(seed, user));
        int[] out = new int[count];
        if (free >= 2 * count) {
            // rejection: each accepted draw is uniform over the items still free
            for (int k = 0; k < count; ) {
                int j = rng.nextInt(numItems);
                if (!taken[j]) {
                    taken[j] = true;
                    out[k++] = j;
                }
            }
        } else {
            // few free items: partial Fisher-Yates over the explicit complement
            int[] pool = new int[free];
            int p = 0;
            for (int i = 0; i < numItems; i++) {
                if (!taken[i]) {
                    pool[p++] = i;
                }
            }
            for (int k = 0; k < count; k++) {
                int j = k + rng.nextInt(free - k);
                int tmp = pool[j];
                pool[j] = pool[k];
                pool[k] = tmp;
                out[k] = tmp;
            }
        }
        return out;
    }

    /** Seed of user {@code user}'s generator: SplitMix64's output number user+1 from {@code seed}. */
    static long userSeed(long seed, long user) {
        long z = seed + 0x9E3779B97F4A7C15L * (user + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

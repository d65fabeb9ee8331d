package io.lisastream.model.data;

import java.util.SplittableRandom;

/**
 * Deterministic synthetic click sequences with sequential structure that a sequential model can
 * learn but item popularity cannot.
 *
 * <p>The generator is a sparse random Markov chain mixed with a popularity prior:
 * <ul>
 *   <li>popularity: a Zipf law with exponent {@value #ZIPF_EXPONENT} over a random permutation
 *       of the items;</li>
 *   <li>every item has {@value #SUCCESSORS} distinct successors (never itself), drawn uniformly,
 *       with weights 0.5, 0.3, 0.2; being uniform, they are mostly unpopular items;</li>
 *   <li>a user's first item is a popularity draw; each next item is, with probability
 *       {@value #FOLLOW_PROBABILITY}, a successor of the previous item, otherwise a popularity draw;</li>
 *   <li>sequence lengths are {@value #MIN_LENGTH} plus a geometric number with mean
 *       {@code meanLength - }{@value #MIN_LENGTH}, so every user can be evaluated leave-one-out;</li>
 *   <li>timestamps (epoch ms) start at 2020-01-01T00:00Z plus a uniform offset of up to 30 days
 *       per user and advance by 10 s to 10 min per click, so users interleave in time.</li>
 * </ul>
 * User ids are "1".."users", item ids "1".."items"; as for files, item indices follow first
 * appearance, so writing the result with {@link DatasetWriter} and reading it back gives the same
 * dataset. Items that were never drawn are not part of it ({@code numItems() <= items}).
 * The same arguments always give the same dataset.
 */
public final class SyntheticSequences {
    public static final double FOLLOW_PROBABILITY = 0.7;
    public static final int SUCCESSORS = 3;
    public static final double ZIPF_EXPONENT = 1.0;
    public static final int MIN_LENGTH = 3;
    private static final double[] SUCCESSOR_WEIGHTS = {0.5, 0.3, 0.2};
    private static final long START_MS = 1_577_836_800_000L; // 2020-01-01T00:00:00Z
    private static final long SPREAD_MS = 30L * 24 * 3600 * 1000;
    private static final long MIN_GAP_MS = 10_000L;
    private static final long MAX_GAP_MS = 600_000L;

    private SyntheticSequences() {
    }

    /**
     * @param users      number of users, at least 1
     * @param items      size of the item universe, at least {@value #SUCCESSORS} + 1
     * @param meanLength mean sequence length, at least {@value #MIN_LENGTH}
     * @param seed       everything is a function of the four arguments
     */
    public static SequenceDataset generate(int users, int items, double meanLength, long seed) {
        if (users < 1) {
            throw new IllegalArgumentException("users must be >= 1, got " + users);
        }
        if (items < SUCCESSORS + 1) {
            throw new IllegalArgumentException("items must be >= " + (SUCCESSORS + 1) + ", got " + items);
        }
        if (!(meanLength >= MIN_LENGTH) || meanLength > 1e6) {
            throw new IllegalArgumentException("meanLength must be in [" + MIN_LENGTH + ", 1e6], got " + meanLength);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] popularityCdf = zipfCdf(items, rng);
        int[][] successors = successors(items, rng);
        // geometric extra length with mean m = meanLength - MIN_LENGTH: P(k) = (1-p)^k p, p = 1/(m+1)
        double m = meanLength - MIN_LENGTH;
        double logOneMinusP = Math.log(m / (m + 1.0));
        SequenceBuilder b = new SequenceBuilder(true);
        for (int u = 0; u < users; u++) {
            String user = Integer.toString(u + 1);
            int extra = m == 0 ? 0 : (int) Math.min(Math.floor(Math.log(1.0 - rng.nextDouble()) / logOneMinusP),
                    100.0 * meanLength);
            int length = MIN_LENGTH + extra;
            long t = START_MS + rng.nextLong(SPREAD_MS);
            int previous = -1;
            for (int j = 0; j < length; j++) {
                int item = previous >= 0 && rng.nextDouble() < FOLLOW_PROBABILITY
                        ? successors[previous][pick(SUCCESSOR_WEIGHTS, rng.nextDouble())]
                        : draw(popularityCdf, rng.nextDouble());
                b.add(user, Integer.toString(item + 1), t);
                t += MIN_GAP_MS + rng.nextLong(MAX_GAP_MS - MIN_GAP_MS + 1);
                previous = item;
            }
        }
        return b.build(false, null, "synthetic(users=" + users + ", items=" + items + ", meanLength="
                + meanLength + ", seed=" + seed + ")");
    }

    /** Cumulative Zipf probabilities over items, popularity ranks assigned by a random permutation. */
    private static double[] zipfCdf(int items, SplittableRandom rng) {
        int[] rankOf = permutation(items, rng);
        double[] p = new double[items];
        double total = 0;
        for (int i = 0; i < items; i++) {
            p[i] = 1.0 / Math.pow(rankOf[i] + 1, ZIPF_EXPONENT);
            total += p[i];
        }
        double acc = 0;
        for (int i = 0; i < items; i++) {
            acc += p[i] / total;
            p[i] = acc;
        }
        p[items - 1] = 1.0;
        return p;
    }

    private static int[][] successors(int items, SplittableRandom rng) {
        int[][] next = new int[items][SUCCESSORS];
        for (int i = 0; i < items; i++) {
            for (int k = 0; k < SUCCESSORS; k++) {
                int candidate;
                boolean fresh;
                do {
                    candidate = rng.nextInt(items);
                    fresh = candidate != i;
                    for (int q = 0; q < k && fresh; q++) {
                        fresh = next[i][q] != candidate;
                    }
                } while (!fresh);
                next[i][k] = candidate;
            }
        }
        return next;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
        return a;
    }

    private static int draw(double[] cdf, double x) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static int pick(double[] weights, double x) {
        double acc = 0;
        for (int k = 0; k < weights.length - 1; k++) {
            acc += weights[k];
            if (x < acc) {
                return k;
            }
        }
        return weights.length - 1;
    }
}

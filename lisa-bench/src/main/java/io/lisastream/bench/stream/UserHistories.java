package io.lisastream.bench.stream;

import java.util.SplittableRandom;

/** The past clicks of benchmark user u: {@code length} uniformly random items "1".."N", oldest first. */
final class UserHistories {
    private UserHistories() {
    }

    static String[] of(long user, int length, int items, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + user);
        String[] h = new String[length];
        for (int i = 0; i < length; i++) {
            h[i] = Integer.toString(1 + rnd.nextInt(items));
        }
        return h;
    }
}

package io.lisastream.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A reproducible stream of clicks: users u0..u(users-1), items item-0..item-(items-1), some unknown. */
final class ClickScript {
    record Click(String user, String item, long timestamp) {
    }

    private ClickScript() {
    }

    static List<Click> random(long seed, int count, int users, int items, double unknownShare) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Click> clicks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String item = rnd.nextDouble() < unknownShare ? "unknown-" + rnd.nextInt(5) : "item-" + rnd.nextInt(items);
            clicks.add(new Click("u" + rnd.nextInt(users), item, 1_000L + i));
        }
        return clicks;
    }
}

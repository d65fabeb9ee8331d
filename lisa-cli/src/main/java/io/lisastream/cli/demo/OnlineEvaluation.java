package io.lisastream.cli.demo;

import io.lisastream.operator.Recommendation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scores the stream as it happens. For every recommendation made after a user's t-th click, the
 * user's (t+1)-th click is a hit when it is among the first {@value #K} items recommended
 * (online HR@10). The popularity baseline is scored on exactly the same (user, t) pairs, with the
 * same recently clicked items excluded. Latency: from the moment a click was handed to the Kafka
 * producer to the moment its recommendation was readable (read_committed) by the demo.
 *
 * <p>Clicks are registered as they are sent ({@link #sent}, replay thread); recommendations as
 * they are read ({@link #recommended}, reader thread). Hits are counted at the end, since a
 * recommendation can be read before the next click is sent.
 */
final class OnlineEvaluation {
    static final int K = 10;

    /** What the stream scored. */
    record Result(long evaluated, double modelHr10, double popularityHr10, long unmatched) {
    }

    private final PopularityTop popularity;
    private final int excludeLast;
    private final Map<String, UserTrack> users = new ConcurrentHashMap<>();
    private final Latencies latencies = new Latencies();

    /**
     * @param excludeLast how many of the user's last clicks the job never recommends (the
     *                    popularity baseline excludes the same)
     */
    OnlineEvaluation(PopularityTop popularity, int excludeLast) {
        this.popularity = popularity;
        this.excludeLast = excludeLast;
    }

    /** A valid click of {@code userId} was sent. */
    void sent(String userId, String itemId, long sentMillis) {
        UserTrack u = users.computeIfAbsent(userId, k -> new UserTrack());
        synchronized (u) {
            u.items.add(itemId);
            if (u.sent.length == u.items.size() - 1) {
                u.sent = Arrays.copyOf(u.sent, Math.max(8, u.sent.length * 2));
            }
            u.sent[u.items.size() - 1] = sentMillis;
        }
    }

    /**
     * A recommendation was read at {@code receivedMillis}.
     *
     * @return false when it matches no click this demo sent (another user, or a history length beyond
     *         what was sent)
     */
    boolean recommended(Recommendation r, long receivedMillis) {
        UserTrack u = users.get(r.userId);
        if (u == null) {
            return false;
        }
        long t = r.historyLength;
        synchronized (u) {
            if (t < 1 || t > u.items.size()) {
                u.unmatched++;
                return false;
            }
            latencies.add(receivedMillis - u.sent[(int) t - 1]);
            int n = Math.min(K, r.itemIds.length);
            u.recommended.put((int) t, Arrays.copyOf(r.itemIds, n));
        }
        return true;
    }

    Latencies latencies() {
        return latencies;
    }

    /** Online HR@10 of the job and of popularity, over every recommendation followed by a sent click. */
    Result result() {
        long evaluated = 0;
        long modelHits = 0;
        long popularityHits = 0;
        long unmatched = 0;
        for (UserTrack u : users.values()) {
            synchronized (u) {
                unmatched += u.unmatched;
                for (Map.Entry<Integer, String[]> e : u.recommended.entrySet()) {
                    int t = e.getKey();
                    if (t >= u.items.size()) {
                        continue; // the user's last click: nothing to predict
                    }
                    String next = u.items.get(t);
                    evaluated++;
                    if (Arrays.asList(e.getValue()).contains(next)) {
                        modelHits++;
                    }
                    Set<String> recent = new HashSet<>(u.items.subList(Math.max(0, t - excludeLast), t));
                    if (popularity.top(K, recent).contains(next)) {
                        popularityHits++;
                    }
                }
            }
        }
        return new Result(evaluated, evaluated == 0 ? Double.NaN : (double) modelHits / evaluated,
                evaluated == 0 ? Double.NaN : (double) popularityHits / evaluated, unmatched);
    }

    /** One user's clicks as sent, and the recommendations read so far by history length. */
    private static final class UserTrack {
        final List<String> items = new ArrayList<>();
        long[] sent = new long[8];
        final Map<Integer, String[]> recommended = new HashMap<>();
        long unmatched;
    }
}

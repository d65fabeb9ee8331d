package io.lisastream.model.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects interactions in arrival order and builds a {@link SequenceDataset}. Users and items get
 * indices in order of first appearance; each user's interactions stay in arrival order unless the
 * build sorts them by timestamp (a stable sort: equal timestamps keep arrival order).
 */
final class SequenceBuilder {
    private final boolean withTimestamps;
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final List<String> itemIds = new ArrayList<>();
    private final Map<String, Integer> userIndex = new HashMap<>();
    private final List<String> userIds = new ArrayList<>();
    private final List<int[]> items = new ArrayList<>();
    private final List<long[]> times = new ArrayList<>();
    private int[] sizes = new int[16];
    private long count;
    // files usually group a user's lines together: skip the map lookup for a repeated user
    private String lastUser;
    private int lastUserIndex = -1;

    SequenceBuilder(boolean withTimestamps) {
        this.withTimestamps = withTimestamps;
    }

    boolean hasUser(String userId) {
        return userIndex.containsKey(userId);
    }

    long count() {
        return count;
    }

    /** Appends one interaction; {@code timestamp} (epoch ms) is ignored when built without timestamps. */
    void add(String userId, String itemId, long timestamp) {
        int u = userIndexFor(userId);
        Integer boxed = itemIndex.get(itemId);
        int i;
        if (boxed == null) {
            i = itemIds.size();
            itemIds.add(itemId);
            itemIndex.put(itemId, i);
        } else {
            i = boxed;
        }
        int n = sizes[u];
        int[] seq = items.get(u);
        if (n == seq.length) {
            seq = Arrays.copyOf(seq, n * 2);
            items.set(u, seq);
            if (withTimestamps) {
                times.set(u, Arrays.copyOf(times.get(u), n * 2));
            }
        }
        seq[n] = i;
        if (withTimestamps) {
            times.get(u)[n] = timestamp;
        }
        sizes[u] = n + 1;
        count++;
    }

    private int userIndexFor(String userId) {
        if (userId.equals(lastUser)) {
            return lastUserIndex;
        }
        Integer boxed = userIndex.get(userId);
        int u;
        if (boxed == null) {
            u = userIds.size();
            userIds.add(userId);
            userIndex.put(userId, u);
            items.add(new int[8]);
            if (withTimestamps) {
                times.add(new long[8]);
            }
            if (u == sizes.length) {
                sizes = Arrays.copyOf(sizes, u * 2);
            }
        } else {
            u = boxed;
        }
        lastUser = userId;
        lastUserIndex = u;
        return u;
    }

    SequenceDataset build(boolean sortByTimestamp, String sha256, String source) {
        int users = userIds.size();
        int[][] seqs = new int[users][];
        long[][] ts = withTimestamps ? new long[users][] : null;
        for (int u = 0; u < users; u++) {
            seqs[u] = Arrays.copyOf(items.get(u), sizes[u]);
            if (withTimestamps) {
                ts[u] = Arrays.copyOf(times.get(u), sizes[u]);
                if (sortByTimestamp) {
                    sortStable(seqs[u], ts[u]);
                }
            }
        }
        return new SequenceDataset(itemIds, userIds, seqs, ts, sha256, source);
    }

    /** Sorts both arrays by timestamp, in place; equal timestamps keep their order. */
    static void sortStable(int[] seq, long[] ts) {
        boolean sorted = true;
        for (int j = 1; j < ts.length && sorted; j++) {
            sorted = ts[j] >= ts[j - 1];
        }
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[ts.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ts[a], ts[b])); // TimSort: stable
        int[] s = seq.clone();
        long[] t = ts.clone();
        for (int j = 0; j < order.length; j++) {
            seq[j] = s[order[j]];
            ts[j] = t[order[j]];
        }
    }
}

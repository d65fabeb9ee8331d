package io.lisastream.cli.replay;

import io.lisastream.model.data.SequenceDataset;
import java.util.PriorityQueue;

/**
 * The order in which a dataset's clicks are replayed: all users interleaved as they happened.
 * With timestamps, a merge of the users' sequences by (timestamp, user index); without, round robin
 * (every user's first click, then every user's second, ...). Each user's own clicks always keep
 * their order. Shapes: {@code user[k]} is a user index, {@code position[k]} the click's position in
 * that user's sequence, for k in [0, size()).
 */
public final class ClickPlan {
    private final SequenceDataset data;
    private final int[] user;
    private final int[] position;

    private ClickPlan(SequenceDataset data, int[] user, int[] position) {
        this.data = data;
        this.user = user;
        this.position = position;
    }

    /** Every click of every user of {@code data}. */
    public static ClickPlan of(SequenceDataset data) {
        int[] all = new int[data.numUsers()];
        for (int u = 0; u < all.length; u++) {
            all[u] = u;
        }
        return of(data, all);
    }

    /** Every click of the given users (user indices of {@code data}). */
    public static ClickPlan of(SequenceDataset data, int[] users) {
        long total = 0;
        for (int u : users) {
            total += data.length(u);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many clicks to replay at once: " + total);
        }
        int[] user = new int[(int) total];
        int[] position = new int[(int) total];
        int k = 0;
        if (data.hasTimestamps()) {
            long[][] ts = new long[data.numUsers()][];
            for (int u : users) {
                ts[u] = data.timestamps(u);
            }
            int[] next = new int[data.numUsers()];
            PriorityQueue<Integer> queue = new PriorityQueue<>(Math.max(1, users.length), (a, b) -> {
                int c = Long.compare(ts[a][next[a]], ts[b][next[b]]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            for (int u : users) {
                queue.add(u);
            }
            while (!queue.isEmpty()) {
                int u = queue.poll();
                user[k] = u;
                position[k] = next[u];
                k++;
                if (++next[u] < ts[u].length) {
                    queue.add(u);
                }
            }
        } else {
            int longest = 0;
            for (int u : users) {
                longest = Math.max(longest, data.length(u));
            }
            for (int j = 0; j < longest; j++) {
                for (int u : users) {
                    if (j < data.length(u)) {
                        user[k] = u;
                        position[k] = j;
                        k++;
                    }
                }
            }
        }
        return new ClickPlan(data, user, position);
    }

    public SequenceDataset data() {
        return data;
    }

    public int size() {
        return user.length;
    }

    /** User index of the k-th click. */
    public int user(int k) {
        return user[k];
    }

    /** Position of the k-th click in its user's sequence. */
    public int position(int k) {
        return position[k];
    }
}

package io.lisastream.model.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of per-user, chronological item sequences: the input of training and of
 * leave-one-out evaluation.
 *
 * <p>Identifiers. Users and items keep their external string ids. Internally an item is an index
 * {@code i} in {@code [0, numItems())} and a user an index {@code u} in {@code [0, numUsers())}.
 * Both are assigned in order of <em>first appearance</em> in the input (line order of the file as
 * read, before any per-user sorting by timestamp; list order for {@link #fromLists}), for every
 * format; so item index k is the k-th distinct item id met while reading, not the numeric value
 * of the id. (In SASRec's ML-1M file the ids were themselves numbered by first appearance, so
 * there index = id - 1 for every item; in general no such relation holds.) {@link #itemIds()} line k is the item of
 * index k, exactly what a model artifact's {@code items.txt} stores. Only items that occur at
 * least once are counted.
 *
 * <p>Shapes: {@code sequence(u)} is {@code int[L_u]} of item indices, oldest first; {@code
 * timestamps(u)} is {@code long[L_u]} of epoch milliseconds, non-decreasing, or null when the
 * source has no timestamps (e.g. the SASRec format). A user has at least one interaction; the
 * same item may occur several times in one sequence.
 */
public final class SequenceDataset {
    private final List<String> itemIds;
    private final Map<String, Integer> itemIndex;
    private final List<String> userIds;
    private final Map<String, Integer> userIndex;
    private final int[][] sequences;
    private final long[][] timestamps;
    private final long numInteractions;
    private final String sha256;
    private final String source;

    /**
     * Takes ownership of the arrays (callers inside this package hand over fresh ones). Validates
     * every invariant stated in the class comment.
     */
    SequenceDataset(List<String> itemIds, List<String> userIds, int[][] sequences, long[][] timestamps,
            String sha256, String source) {
        this.itemIds = List.copyOf(itemIds);
        this.userIds = List.copyOf(userIds);
        this.itemIndex = indexOf(this.itemIds, "item");
        this.userIndex = indexOf(this.userIds, "user");
        if (sequences.length != this.userIds.size()) {
            throw new IllegalArgumentException(sequences.length + " sequences for " + this.userIds.size() + " users");
        }
        if (timestamps != null && timestamps.length != sequences.length) {
            throw new IllegalArgumentException(timestamps.length + " timestamp arrays for " + sequences.length + " users");
        }
        int n = this.itemIds.size();
        long total = 0;
        for (int u = 0; u < sequences.length; u++) {
            int[] s = sequences[u];
            if (s == null || s.length == 0) {
                throw new IllegalArgumentException("user '" + this.userIds.get(u) + "' has no interactions");
            }
            for (int i : s) {
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException("user '" + this.userIds.get(u) + "': item index " + i
                            + " outside [0, " + n + ")");
                }
            }
            if (timestamps != null) {
                long[] t = timestamps[u];
                if (t == null || t.length != s.length) {
                    throw new IllegalArgumentException("user '" + this.userIds.get(u) + "': "
                            + (t == null ? "no" : String.valueOf(t.length)) + " timestamps for " + s.length + " items");
                }
                for (int j = 1; j < t.length; j++) {
                    if (t[j] < t[j - 1]) {
                        throw new IllegalArgumentException("user '" + this.userIds.get(u) + "': timestamps not in"
                                + " chronological order at position " + j + " (" + t[j - 1] + " then " + t[j] + ")");
                    }
                }
            }
            total += s.length;
        }
        this.sequences = sequences;
        this.timestamps = timestamps;
        this.numInteractions = total;
        this.sha256 = sha256;
        this.source = source;
    }

    private static Map<String, Integer> indexOf(List<String> ids, String what) {
        Map<String, Integer> index = new HashMap<>(ids.size() * 2);
        for (int k = 0; k < ids.size(); k++) {
            String id = ids.get(k);
            if (id.isEmpty()) {
                throw new IllegalArgumentException("empty " + what + " id at index " + k);
            }
            if (index.put(id, k) != null) {
                throw new IllegalArgumentException("duplicate " + what + " id '" + id + "'");
            }
        }
        return Collections.unmodifiableMap(index);
    }

    /**
     * A dataset from in-memory sequences of external item ids, without timestamps. Users keep the
     * list order; items get indices in order of first appearance (user by user, oldest first).
     */
    public static SequenceDataset fromLists(List<String> userIds, List<? extends List<String>> itemSequences) {
        return fromLists(userIds, itemSequences, null);
    }

    /**
     * As {@link #fromLists(List, List)}, with per-user epoch-millisecond timestamps aligned with
     * the items (or null for none). Sequences must already be chronological: timestamps must not
     * decrease within a user.
     */
    public static SequenceDataset fromLists(List<String> userIds, List<? extends List<String>> itemSequences,
            List<long[]> timestamps) {
        if (userIds.size() != itemSequences.size()) {
            throw new IllegalArgumentException(userIds.size() + " user ids for " + itemSequences.size() + " sequences");
        }
        if (timestamps != null && timestamps.size() != itemSequences.size()) {
            throw new IllegalArgumentException(timestamps.size() + " timestamp arrays for "
                    + itemSequences.size() + " sequences");
        }
        SequenceBuilder b = new SequenceBuilder(timestamps != null);
        for (int u = 0; u < userIds.size(); u++) {
            String user = userIds.get(u);
            if (b.hasUser(user)) {
                throw new IllegalArgumentException("duplicate user id '" + user + "'");
            }
            List<String> items = itemSequences.get(u);
            long[] t = timestamps == null ? null : timestamps.get(u);
            if (t != null && t.length != items.size()) {
                throw new IllegalArgumentException("user '" + user + "': " + t.length + " timestamps for "
                        + items.size() + " items");
            }
            if (items.isEmpty()) {
                throw new IllegalArgumentException("user '" + user + "' has no interactions");
            }
            for (int j = 0; j < items.size(); j++) {
                b.add(user, items.get(j), t == null ? 0L : t[j]);
            }
        }
        return b.build(false, null, null);
    }

    public int numUsers() {
        return userIds.size();
    }

    public int numItems() {
        return itemIds.size();
    }

    /** Total number of interactions (sum of sequence lengths). */
    public long numInteractions() {
        return numInteractions;
    }

    /** External id of user index {@code u}. */
    public String userId(int u) {
        return userIds.get(u);
    }

    /** External id of item index {@code i}. */
    public String itemId(int i) {
        return itemIds.get(i);
    }

    /** All external item ids; position k is item index k (the content of a model's items.txt). */
    public List<String> itemIds() {
        return itemIds;
    }

    /** All external user ids; position u is user index u. */
    public List<String> userIds() {
        return userIds;
    }

    /** Index of an external item id, or -1 if the dataset has no such item. */
    public int indexOfItem(String itemId) {
        Integer k = itemIndex.get(itemId);
        return k == null ? -1 : k;
    }

    /** Index of an external user id, or -1 if the dataset has no such user. */
    public int indexOfUser(String userId) {
        Integer k = userIndex.get(userId);
        return k == null ? -1 : k;
    }

    /** Number of interactions of user {@code u}. */
    public int length(int u) {
        return sequences[u].length;
    }

    /** A copy of user {@code u}'s item indices, oldest first ({@code int[length(u)]}). */
    public int[] sequence(int u) {
        return sequences[u].clone();
    }

    /** A copy of user {@code u}'s timestamps in epoch ms aligned with {@link #sequence}, or null if the source has none. */
    public long[] timestamps(int u) {
        return timestamps == null ? null : timestamps[u].clone();
    }

    public boolean hasTimestamps() {
        return timestamps != null;
    }

    /** Hex SHA-256 of the source file's bytes, or null when the dataset was not read from a file. */
    public String sha256() {
        return sha256;
    }

    /** Where the data came from (a file path or a generator description), or null. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "SequenceDataset[" + (source == null ? "in-memory" : source) + ": " + numUsers() + " users, "
                + numItems() + " items, " + numInteractions + " interactions"
                + (timestamps == null ? ", no timestamps" : "") + "]";
    }

    /** True if both hold the same ids, sequences and timestamps (source and checksum ignored). */
    public boolean sameContent(SequenceDataset other) {
        return itemIds.equals(other.itemIds) && userIds.equals(other.userIds)
                && Arrays.deepEquals(sequences, other.sequences)
                && (timestamps == null ? other.timestamps == null : Arrays.deepEquals(timestamps, other.timestamps));
    }
}

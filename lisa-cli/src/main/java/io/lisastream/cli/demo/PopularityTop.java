package io.lisastream.cli.demo;

import io.lisastream.model.data.SequenceDataset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The popularity baseline online: items ranked by how often they were clicked in the training data
 * (ties by item id order of first appearance), the user's recently clicked items excluded, as the
 * job excludes them from its own recommendations.
 */
final class PopularityTop {
    private final String[] ranked;

    private PopularityTop(String[] ranked) {
        this.ranked = ranked;
    }

    static PopularityTop fit(SequenceDataset training) {
        long[] counts = new long[training.numItems()];
        for (int u = 0; u < training.numUsers(); u++) {
            for (int i : training.sequence(u)) {
                counts[i]++;
            }
        }
        Integer[] order = new Integer[counts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
        String[] ranked = new String[order.length];
        for (int k = 0; k < order.length; k++) {
            ranked[k] = training.itemId(order[k]);
        }
        return new PopularityTop(ranked);
    }

    /** The {@code k} most popular items not in {@code excluded}. */
    List<String> top(int k, Collection<String> excluded) {
        List<String> out = new ArrayList<>(k);
        for (int r = 0; r < ranked.length && out.size() < k; r++) {
            if (!excluded.contains(ranked[r])) {
                out.add(ranked[r]);
            }
        }
        return out;
    }
}

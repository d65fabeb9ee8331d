package io.lisastream.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What queries the first LISA block's codeword attention (head b = codebook b):
 * <ul>
 *   <li>{@link #CODES}, the contract's model: the newest item's own codeword C_b[q_b], so
 *       s_b[w] = (C_b[q_b] Wq_b) . (C_b[w] Wk_b) / sqrt(D) is a W x W table per codebook;</li>
 *   <li>{@link #INPUT}, this project's extension: the block's whole input x = item embedding +
 *       position, so every head sees the whole newest item and how long the history is:
 *       s_b[w] = (x Wq_b) . (C_b[w] Wk_b) / sqrt(D), O(B W D) per event.</li>
 * </ul>
 * Either way the user's state is the histogram alone. sasrec has no codewords and is always
 * {@link #CODES} (the field does not apply).
 */
public enum AttentionQuery {
    CODES("codes"),
    INPUT("input");

    private final String wireName;

    AttentionQuery(String wireName) {
        this.wireName = wireName;
    }

    /** The name in manifests and on the command line. */
    public String wireName() {
        return wireName;
    }

    /** Parses a manifest or command-line name; the message lists the names understood. */
    public static AttentionQuery fromWireName(String name) {
        for (AttentionQuery q : values()) {
            if (q.wireName.equals(name)) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown attention query '" + name + "' (expected one of "
                + Arrays.stream(values()).map(AttentionQuery::wireName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return wireName;
    }
}

package io.lisastream.operator;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How the LISA operator serves: immutable, serializable with the function. Start from
 * {@link #defaults()} and change what you need with the {@code with...} methods; every value is
 * checked here, so a bad setting fails at job construction with a message naming it.
 *
 * @param topK              K, the number of items per recommendation (default 10)
 * @param ringSize          how many recent item ids each user keeps (default 200). It bounds the
 *                          state, is what a histogram is rebuilt from when the code space changes,
 *                          and is the attention window of sasrec models (a sasrec model whose
 *                          maxLen exceeds it is rejected at load time)
 * @param excludeRecent     N: the newest N ring items are never recommended (default 50; 0 turns
 *                          exclusion off; at most ringSize)
 * @param stateTtl          a user's state is dropped after this long without a click (processing
 *                          time, cleaned in RocksDB compaction); null or zero keeps state forever
 *                          (default 30 days)
 * @param allowedModelRoots URI prefixes models may be loaded from, e.g. {@code file:///models};
 *                          an announcement whose URI is not below one of them is rejected. Empty
 *                          (the default) rejects every model: serving needs an explicit choice
 */
public record LisaOperatorConfig(
        int topK,
        int ringSize,
        int excludeRecent,
        Duration stateTtl,
        List<String> allowedModelRoots) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_TOP_K = 10;
    public static final int DEFAULT_RING_SIZE = 200;
    public static final int DEFAULT_EXCLUDE_RECENT = 50;
    public static final Duration DEFAULT_STATE_TTL = Duration.ofDays(30);
    /** Upper bound on the ring: its bytes are read and written on every click. */
    public static final int MAX_RING_SIZE = 100_000;

    public LisaOperatorConfig {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        }
        if (ringSize < 1 || ringSize > MAX_RING_SIZE) {
            throw new IllegalArgumentException("ringSize must be in [1, " + MAX_RING_SIZE + "], got " + ringSize);
        }
        if (excludeRecent < 0 || excludeRecent > ringSize) {
            throw new IllegalArgumentException("excludeRecent must be in [0, ringSize = " + ringSize + "], got "
                    + excludeRecent);
        }
        if (stateTtl != null && stateTtl.isNegative()) {
            throw new IllegalArgumentException("stateTtl must not be negative, got " + stateTtl);
        }
        if (allowedModelRoots == null) {
            throw new IllegalArgumentException("allowedModelRoots must not be null (use an empty list to allow none)");
        }
        allowedModelRoots = List.copyOf(allowedModelRoots);
        for (String root : allowedModelRoots) {
            ModelUriPolicy.parseRoot(root); // throws with the reason
        }
    }

    public static LisaOperatorConfig defaults() {
        return new LisaOperatorConfig(DEFAULT_TOP_K, DEFAULT_RING_SIZE, DEFAULT_EXCLUDE_RECENT, DEFAULT_STATE_TTL,
                List.of());
    }

    public LisaOperatorConfig withTopK(int k) {
        return new LisaOperatorConfig(k, ringSize, excludeRecent, stateTtl, allowedModelRoots);
    }

    /** Sets the ring size; excludeRecent is lowered to it if it was larger. */
    public LisaOperatorConfig withRingSize(int size) {
        return new LisaOperatorConfig(topK, size, Math.min(excludeRecent, Math.max(size, 0)), stateTtl,
                allowedModelRoots);
    }

    public LisaOperatorConfig withExcludeRecent(int n) {
        return new LisaOperatorConfig(topK, ringSize, n, stateTtl, allowedModelRoots);
    }

    public LisaOperatorConfig withStateTtl(Duration ttl) {
        return new LisaOperatorConfig(topK, ringSize, excludeRecent, ttl, allowedModelRoots);
    }

    public LisaOperatorConfig withAllowedModelRoots(List<String> roots) {
        return new LisaOperatorConfig(topK, ringSize, excludeRecent, stateTtl, roots);
    }

    public LisaOperatorConfig withAllowedModelRoots(String... roots) {
        return withAllowedModelRoots(List.of(roots));
    }

    /** True when state expires (a positive TTL is set). */
    public boolean hasStateTtl() {
        return stateTtl != null && !stateTtl.isZero();
    }
}

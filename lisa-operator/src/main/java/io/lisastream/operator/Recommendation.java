package io.lisastream.operator;

import java.util.Arrays;
import java.util.Objects;

/**
 * Top-K items for a user right after one of their clicks (contracts/wire.md). {@link #itemIds} and
 * {@link #scores} are parallel arrays sorted by descending score.
 */
public class Recommendation {
    public String userId;
    /** Event time of the click that triggered this recommendation. */
    public long timestamp;
    public String modelVersion;
    /** Number of clicks of this user so far, the triggering one included. */
    public long historyLength;
    public String[] itemIds;
    public float[] scores;
    /** Wall-clock milliseconds when the triggering click was read (carried for latency metrics). */
    public long ingestMillis;

    public Recommendation() {
    }

    public Recommendation(String userId, long timestamp, String modelVersion, long historyLength,
            String[] itemIds, float[] scores, long ingestMillis) {
        this.userId = userId;
        this.timestamp = timestamp;
        this.modelVersion = modelVersion;
        this.historyLength = historyLength;
        this.itemIds = itemIds;
        this.scores = scores;
        this.ingestMillis = ingestMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recommendation r && timestamp == r.timestamp && historyLength == r.historyLength
                && ingestMillis == r.ingestMillis && Objects.equals(userId, r.userId)
                && Objects.equals(modelVersion, r.modelVersion) && Arrays.equals(itemIds, r.itemIds)
                && Arrays.equals(scores, r.scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, timestamp, modelVersion, historyLength, Arrays.hashCode(itemIds));
    }

    @Override
    public String toString() {
        return "Recommendation{user=" + userId + ", model=" + modelVersion + ", t=" + historyLength + ", items="
                + Arrays.toString(itemIds) + "}";
    }
}

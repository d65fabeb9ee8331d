package io.lisastream.operator;

import java.util.Objects;

/**
 * A validated click, the operator's keyed input (keyed by {@link #userId}). A Flink POJO: public
 * no-argument constructor and public fields, so state and network use the PojoSerializer, never Kryo.
 */
public class ClickEvent {
    /** External user id, non-empty. */
    public String userId;
    /** External item id, non-empty; may be unknown to the current model. */
    public String itemId;
    /** Event time, epoch milliseconds. */
    public long timestamp;
    /** Wall-clock milliseconds when the pipeline read the record (for event-to-recommendation latency). */
    public long ingestMillis;

    public ClickEvent() {
    }

    public ClickEvent(String userId, String itemId, long timestamp, long ingestMillis) {
        this.userId = userId;
        this.itemId = itemId;
        this.timestamp = timestamp;
        this.ingestMillis = ingestMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClickEvent c && timestamp == c.timestamp && ingestMillis == c.ingestMillis
                && Objects.equals(userId, c.userId) && Objects.equals(itemId, c.itemId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, itemId, timestamp, ingestMillis);
    }

    @Override
    public String toString() {
        return "ClickEvent{user=" + userId + ", item=" + itemId + ", ts=" + timestamp + "}";
    }
}

package io.lisastream.pipeline;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record as read from Kafka, before any parsing: the value's bytes and where the record came
 * from (so a refused record can be found again). A Flink POJO (public fields, no-argument
 * constructor), so it travels without Kryo.
 */
public class RawRecord {
    /** The record value; null for a record without value (a tombstone). */
    public byte[] value;
    public String topic;
    public int partition;
    public long offset;

    public RawRecord() {
    }

    public RawRecord(byte[] value, String topic, int partition, long offset) {
        this.value = value;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRecord r && partition == r.partition && offset == r.offset
                && Objects.equals(topic, r.topic) && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "RawRecord{" + topic + "-" + partition + "@" + offset + ", " + (value == null ? "no value" : value.length + " bytes") + "}";
    }
}

package io.lisastream.pipeline;

import java.util.Base64;
import java.util.Objects;

/**
 * An input record the pipeline refused, for the DLQ topic (contracts/wire.md): why, the original
 * value, and where it came from. A Flink POJO (public fields, no-argument constructor).
 *
 * <p>How the value is kept: when it is valid UTF-8, {@link #raw} is its exact text and
 * {@link #rawBase64} is null. Otherwise {@link #raw} is a readable approximation (each malformed
 * sequence decoded as U+FFFD) and {@link #rawBase64} holds the exact bytes. A value larger than
 * {@link #MAX_KEPT_BYTES} keeps only its first part ({@link #rawTruncated}; cut at a character
 * boundary for UTF-8 text), so a dead letter always fits in a Kafka record of the default 1 MB limit;
 * topic, partition and offset locate the whole record. {@link #rawSize} is always the original size.
 */
public class DeadLetter {
    /** Most bytes of the original value a dead letter carries. */
    public static final int MAX_KEPT_BYTES = 64 * 1024;

    /** What was wrong, in words. */
    public String error;
    /** The original value as text (see the class comment); null for a record without value. */
    public String raw;
    /** The exact bytes in standard base64, only when the value was not valid UTF-8; else null. */
    public String rawBase64;
    /** Size of the original value in bytes (0 for a record without value). */
    public int rawSize;
    /** True when raw/rawBase64 hold only the first {@link #MAX_KEPT_BYTES} bytes (or fewer). */
    public boolean rawTruncated;
    public String topic;
    public int partition;
    public long offset;

    public DeadLetter() {
    }

    public DeadLetter(String error, String raw, String rawBase64, int rawSize, boolean rawTruncated, String topic,
            int partition, long offset) {
        this.error = error;
        this.raw = raw;
        this.rawBase64 = rawBase64;
        this.rawSize = rawSize;
        this.rawTruncated = rawTruncated;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /** Builds a dead letter for {@code value} (may be null), applying the keeping rules above. Never throws. */
    public static DeadLetter of(String error, byte[] value, String topic, int partition, long offset) {
        String why = error == null || error.isEmpty() ? "unknown error" : error;
        if (value == null) {
            return new DeadLetter(why, null, null, 0, false, topic, partition, offset);
        }
        boolean truncated = value.length > MAX_KEPT_BYTES;
        Utf8.Decoded whole = truncated ? null : Utf8.decodeStrict(value, value.length);
        if (whole != null && whole.ok()) {
            return new DeadLetter(why, whole.text(), null, value.length, false, topic, partition, offset);
        }
        if (truncated) {
            int cut = Utf8.boundaryAtOrBefore(value, MAX_KEPT_BYTES);
            Utf8.Decoded head = Utf8.decodeStrict(value, cut);
            if (head.ok()) {
                return new DeadLetter(why, head.text(), null, value.length, true, topic, partition, offset);
            }
            int kept = MAX_KEPT_BYTES;
            return new DeadLetter(why, Utf8.decodeLenient(value, kept), base64(value, kept), value.length, true, topic,
                    partition, offset);
        }
        return new DeadLetter(why, Utf8.decodeLenient(value, value.length), base64(value, value.length), value.length,
                false, topic, partition, offset);
    }

    private static String base64(byte[] value, int length) {
        byte[] part = length == value.length ? value : java.util.Arrays.copyOf(value, length);
        return Base64.getEncoder().encodeToString(part);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && rawSize == d.rawSize && rawTruncated == d.rawTruncated
                && partition == d.partition && offset == d.offset && Objects.equals(error, d.error)
                && Objects.equals(raw, d.raw) && Objects.equals(rawBase64, d.rawBase64) && Objects.equals(topic, d.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(error, raw, rawBase64, rawSize, rawTruncated, topic, partition, offset);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + topic + "-" + partition + "@" + offset + ": " + error + "}";
    }
}

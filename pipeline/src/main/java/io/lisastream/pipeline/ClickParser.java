package io.lisastream.pipeline;

import io.lisastream.operator.ClickEvent;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Turns the value of a click record into a {@link ClickEvent} or a {@link DeadLetter}, by the rules of
 * contracts/wire.md, strictly. Never throws, whatever the bytes; work and memory are bounded by the
 * record size limit (default 64 KiB; larger records are refused unread).
 *
 * <p>Accepted: exactly one JSON object in strict JSON (see {@link StrictJsonObject}: valid UTF-8, no
 * trailing data, no duplicate keys, at most 32 levels of nesting, no non-standard syntax) with
 * <ul>
 *   <li>{@code userId}, {@code itemId}: a non-empty string of at most 256 characters without control
 *       characters or unpaired surrogates, or an integer within the signed 64-bit range (taken as its
 *       decimal string). Numbers with a fraction or an exponent (1.5, 1e3, even 1.0) are refused, and so
 *       are integers beyond 64 bits (send those as strings);</li>
 *   <li>{@code timestamp}: epoch milliseconds written as an integer, 0 <= timestamp <= 2^63-1, and not
 *       more than 24 h after the wall clock given (any past time is fine: replays);</li>
 *   <li>optional {@code type}: a non-empty string of at most 64 characters (default "click");</li>
 *   <li>any other fields, which are only checked for syntax.</li>
 * </ul>
 * Serializable (configuration only), so a Flink function can hold one; thread-safe.
 */
public final class ClickParser implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024;
    public static final int MAX_ID_CHARS = FieldChecks.MAX_ID_CHARS;
    public static final int MAX_TYPE_CHARS = 64;
    public static final int MAX_NESTING_DEPTH = StrictJsonObject.MAX_NESTING_DEPTH;
    public static final long MAX_AHEAD_MILLIS = 24L * 60 * 60 * 1000;
    public static final String DEFAULT_TYPE = "click";

    private static final Set<String> FIELDS = Set.of("userId", "itemId", "timestamp", "type");

    private final int maxRecordBytes;
    private transient StrictJsonObject reader;

    public ClickParser() {
        this(DEFAULT_MAX_RECORD_BYTES);
    }

    /** @param maxRecordBytes larger record values are refused without being parsed (at least 2) */
    public ClickParser(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
        this.reader = new StrictJsonObject(maxRecordBytes);
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /**
     * Parses one record value.
     *
     * @param value the record value (may be null: a record without value is refused)
     * @param topic, partition, offset where the record came from, copied into a dead letter
     * @param wallClockMillis now, for the "not more than a day ahead" check; becomes the click's ingestMillis
     */
    public ClickParseResult parse(byte[] value, String topic, int partition, long offset, long wallClockMillis) {
        String reason;
        try {
            StrictJsonObject.Result doc = reader().read(value, FIELDS);
            if (doc.ok()) {
                Map<String, JsonValue> f = doc.fields();
                FieldChecks.Checked<String> user = FieldChecks.id("userId", f.get("userId"));
                FieldChecks.Checked<String> item = FieldChecks.id("itemId", f.get("itemId"));
                FieldChecks.Checked<Long> ts = FieldChecks.timestamp("timestamp", f.get("timestamp"), wallClockMillis,
                        MAX_AHEAD_MILLIS);
                JsonValue typeValue = f.get("type");
                FieldChecks.Checked<String> type = typeValue == null ? FieldChecks.Checked.ok(DEFAULT_TYPE)
                        : FieldChecks.string("type", typeValue, MAX_TYPE_CHARS);
                reason = errors(user, item, ts, type);
                if (reason == null) {
                    return ClickParseResult.accepted(new ClickEvent(user.value(), item.value(), ts.value(), wallClockMillis),
                            type.value());
                }
            } else {
                reason = doc.error();
            }
        } catch (RuntimeException e) {
            reason = "internal error while parsing the click: " + FieldChecks.excerpt(e.toString());
        }
        return ClickParseResult.rejected(DeadLetter.of(reason, value, topic, partition, offset));
    }

    /** Every field's error, joined with "; ", or null when all are fine. */
    static String errors(FieldChecks.Checked<?>... checks) {
        StringBuilder sb = new StringBuilder();
        for (FieldChecks.Checked<?> c : checks) {
            if (!c.ok()) {
                sb.append(sb.length() == 0 ? "" : "; ").append(c.error());
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private StrictJsonObject reader() {
        StrictJsonObject r = reader;
        if (r == null) {
            r = new StrictJsonObject(maxRecordBytes);
            reader = r;
        }
        return r;
    }
}

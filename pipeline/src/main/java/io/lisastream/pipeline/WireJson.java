package io.lisastream.pipeline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lisastream.operator.ClickEvent;
import io.lisastream.operator.ModelAnnouncement;
import io.lisastream.operator.Recommendation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of contracts/wire.md (UTF-8, one message per Kafka record): writers for every message the
 * project produces, and readers that return a reason instead of throwing.
 *
 * <p>Writers throw IllegalArgumentException when handed an object that cannot be a valid message
 * (null ids, mismatched or non-finite scores): that is a bug upstream, not bad input.
 * Readers never throw: model announcements are read as strictly as clicks; recommendations and dead
 * letters (our own outputs, read back by tools and tests) with the same strict syntax and a 1 MiB cap.
 */
public final class WireJson {
    /** Largest model announcement read. */
    public static final int MAX_ANNOUNCEMENT_BYTES = 64 * 1024;
    /** Largest recommendation or dead letter read back. */
    public static final int MAX_OUTPUT_BYTES = 1024 * 1024;
    public static final int MAX_VERSION_CHARS = 256;
    public static final int MAX_URI_CHARS = 4096;

    private static final JsonFactory WRITER = JsonFactory.builder().build();
    private static final StrictJsonObject ANNOUNCEMENT_READER = new StrictJsonObject(MAX_ANNOUNCEMENT_BYTES);
    private static final Set<String> ANNOUNCEMENT_FIELDS = Set.of("version", "uri", "sha256");
    private static final ObjectMapper OUTPUT_READER = new ObjectMapper(StrictJsonObject.strictFactory(MAX_OUTPUT_BYTES))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WireJson() {
    }

    // ---- writers

    /**
     * {"userId", "timestamp", "modelVersion", "historyLength", "items": [{"itemId", "score"}...],
     * "ingestMillis"} with items sorted by descending score (ties keep their order).
     */
    public static byte[] recommendation(Recommendation r) {
        require(r != null, "recommendation is null");
        require(r.userId != null && !r.userId.isEmpty(), "recommendation has no userId");
        require(r.modelVersion != null && !r.modelVersion.isEmpty(), "recommendation has no modelVersion");
        require(r.itemIds != null && r.scores != null, "recommendation has null itemIds or scores");
        require(r.itemIds.length == r.scores.length, "recommendation has " + r.itemIds.length + " itemIds but "
                + r.scores.length + " scores");
        Integer[] order = new Integer[r.itemIds.length];
        for (int i = 0; i < order.length; i++) {
            require(r.itemIds[i] != null && !r.itemIds[i].isEmpty(), "recommendation item " + i + " has no itemId");
            require(Float.isFinite(r.scores[i]), "recommendation item " + r.itemIds[i] + " has score " + r.scores[i]);
            order[i] = i;
        }
        // stable sort: equal scores keep the operator's order
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> r.scores[i]).reversed());
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("userId", r.userId);
            g.writeNumberField("timestamp", r.timestamp);
            g.writeStringField("modelVersion", r.modelVersion);
            g.writeNumberField("historyLength", r.historyLength);
            g.writeArrayFieldStart("items");
            for (int i : order) {
                g.writeStartObject();
                g.writeStringField("itemId", r.itemIds[i]);
                g.writeNumberField("score", r.scores[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("ingestMillis", r.ingestMillis);
            g.writeEndObject();
        });
    }

    /** {"userId", "itemId", "timestamp"} (ingestMillis is the pipeline's own and is not sent). */
    public static byte[] click(ClickEvent c) {
        require(c != null && c.userId != null && c.itemId != null, "click has null ids");
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("userId", c.userId);
            g.writeStringField("itemId", c.itemId);
            g.writeNumberField("timestamp", c.timestamp);
            g.writeEndObject();
        });
    }

    /** {"version", "uri", "sha256"}. */
    public static byte[] modelAnnouncement(ModelAnnouncement a) {
        require(a != null && a.version != null && a.uri != null && a.sha256 != null, "model announcement has null fields");
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("version", a.version);
            g.writeStringField("uri", a.uri);
            g.writeStringField("sha256", a.sha256);
            g.writeEndObject();
        });
    }

    /** {"error", "raw", ["rawBase64",] "rawSize", "rawTruncated", "topic", "partition", "offset"}. */
    public static byte[] deadLetter(DeadLetter d) {
        require(d != null, "dead letter is null");
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("error", d.error == null || d.error.isEmpty() ? "unknown error" : d.error);
            g.writeStringField("raw", d.raw);
            if (d.rawBase64 != null) {
                g.writeStringField("rawBase64", d.rawBase64);
            }
            g.writeNumberField("rawSize", d.rawSize);
            g.writeBooleanField("rawTruncated", d.rawTruncated);
            g.writeStringField("topic", d.topic);
            g.writeNumberField("partition", d.partition);
            g.writeNumberField("offset", d.offset);
            g.writeEndObject();
        });
    }

    // ---- readers

    /**
     * A model announcement, read as strictly as a click: one strict JSON object of at most 64 KiB;
     * {@code version} a non-empty string of at most 256 characters without control characters;
     * {@code uri} an absolute URI (with a scheme) of at most 4096 characters; {@code sha256} 64 hex
     * digits, returned in lower case. Extra fields are ignored. Which URIs may be loaded is not
     * decided here.
     */
    public static Parsed<ModelAnnouncement> parseModelAnnouncement(byte[] value) {
        try {
            StrictJsonObject.Result doc = ANNOUNCEMENT_READER.read(value, ANNOUNCEMENT_FIELDS);
            if (!doc.ok()) {
                return Parsed.failed(doc.error());
            }
            Map<String, JsonValue> f = doc.fields();
            FieldChecks.Checked<String> version = FieldChecks.string("version", f.get("version"), MAX_VERSION_CHARS);
            FieldChecks.Checked<String> uri = absoluteUri(f.get("uri"));
            FieldChecks.Checked<String> sha = sha256(f.get("sha256"));
            String errors = ClickParser.errors(version, uri, sha);
            if (errors != null) {
                return Parsed.failed(errors);
            }
            return Parsed.ok(new ModelAnnouncement(version.value(), uri.value(), sha.value()));
        } catch (RuntimeException e) {
            return Parsed.failed("internal error while reading a model announcement: " + FieldChecks.excerpt(e.toString()));
        }
    }

    /** A recommendation as {@link #recommendation} writes it (ingestMillis optional, 0 when absent). */
    public static Parsed<Recommendation> parseRecommendation(byte[] value) {
        JsonNode n;
        try {
            n = readOutput(value);
            Recommendation r = new Recommendation();
            r.userId = text(n, "userId");
            r.timestamp = integer(n, "timestamp", true);
            r.modelVersion = text(n, "modelVersion");
            r.historyLength = integer(n, "historyLength", true);
            r.ingestMillis = n.has("ingestMillis") ? integer(n, "ingestMillis", true) : 0L;
            JsonNode items = n.get("items");
            if (items == null || !items.isArray()) {
                return Parsed.failed("items is missing or not an array");
            }
            r.itemIds = new String[items.size()];
            r.scores = new float[items.size()];
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (!item.isObject()) {
                    return Parsed.failed("items[" + i + "] is not an object");
                }
                r.itemIds[i] = text(item, "itemId");
                JsonNode score = item.get("score");
                if (score == null || !score.isNumber()) {
                    return Parsed.failed("items[" + i + "].score is missing or not a number");
                }
                r.scores[i] = score.floatValue();
            }
            return Parsed.ok(r);
        } catch (BadField e) {
            return Parsed.failed(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Parsed.failed(describe(e));
        }
    }

    /** A dead letter as {@link #deadLetter} writes it (rawBase64, rawSize, rawTruncated optional). */
    public static Parsed<DeadLetter> parseDeadLetter(byte[] value) {
        try {
            JsonNode n = readOutput(value);
            DeadLetter d = new DeadLetter();
            d.error = text(n, "error");
            JsonNode raw = n.get("raw");
            if (raw == null || !(raw.isTextual() || raw.isNull())) {
                return Parsed.failed("raw is missing or neither a string nor null");
            }
            d.raw = raw.isNull() ? null : raw.textValue();
            d.rawBase64 = n.has("rawBase64") ? text(n, "rawBase64") : null;
            long size = n.has("rawSize") ? integer(n, "rawSize", true) : 0L;
            if (size > Integer.MAX_VALUE) {
                return Parsed.failed("rawSize " + size + " is too large");
            }
            d.rawSize = (int) size;
            JsonNode truncated = n.get("rawTruncated");
            if (truncated != null && !truncated.isBoolean()) {
                return Parsed.failed("rawTruncated is not a boolean");
            }
            d.rawTruncated = truncated != null && truncated.booleanValue();
            d.topic = text(n, "topic");
            long partition = integer(n, "partition", true);
            if (partition > Integer.MAX_VALUE) {
                return Parsed.failed("partition " + partition + " is too large");
            }
            d.partition = (int) partition;
            d.offset = integer(n, "offset", true);
            return Parsed.ok(d);
        } catch (BadField e) {
            return Parsed.failed(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Parsed.failed(describe(e));
        }
    }

    // ---- helpers

    private static FieldChecks.Checked<String> absoluteUri(JsonValue v) {
        FieldChecks.Checked<String> s = FieldChecks.string("uri", v, MAX_URI_CHARS);
        if (!s.ok()) {
            return s;
        }
        try {
            URI uri = new URI(s.value());
            if (!uri.isAbsolute()) {
                return FieldChecks.Checked.fail("uri \"" + FieldChecks.excerpt(s.value()) + "\" has no scheme; expected an absolute URI such as file:///models/v3");
            }
            return s;
        } catch (URISyntaxException e) {
            return FieldChecks.Checked.fail("uri is not a valid URI: " + FieldChecks.excerpt(e.getMessage()));
        }
    }

    private static FieldChecks.Checked<String> sha256(JsonValue v) {
        FieldChecks.Checked<String> s = FieldChecks.string("sha256", v, 64);
        if (!s.ok()) {
            return s;
        }
        String hex = s.value();
        if (hex.length() != 64 || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
            return FieldChecks.Checked.fail("sha256 \"" + FieldChecks.excerpt(hex) + "\" is not 64 hexadecimal digits");
        }
        return FieldChecks.Checked.ok(hex.toLowerCase(Locale.ROOT));
    }

    private static JsonNode readOutput(byte[] value) throws IOException {
        if (value == null || value.length == 0) {
            throw new BadField("message is empty");
        }
        if (value.length > MAX_OUTPUT_BYTES) {
            throw new BadField("message is " + value.length + " bytes, more than " + MAX_OUTPUT_BYTES);
        }
        Utf8.Decoded text = Utf8.decodeStrict(value, value.length);
        if (!text.ok()) {
            throw new BadField(text.error());
        }
        JsonNode n = OUTPUT_READER.readTree(text.text());
        if (n == null || !n.isObject()) {
            throw new BadField("expected a JSON object");
        }
        return n;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadField(field + " is missing or not a string");
        }
        return v.textValue();
    }

    private static long integer(JsonNode n, String field, boolean nonNegative) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BadField(field + " is missing or not a 64-bit integer");
        }
        long x = v.longValue();
        if (nonNegative && x < 0) {
            throw new BadField(field + " is negative (" + x + ")");
        }
        return x;
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException j) {
            return "not valid JSON: " + StrictJsonObject.jacksonMessage(String.valueOf(j.getOriginalMessage()));
        }
        return "could not read the message: " + FieldChecks.excerpt(e.toString());
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = WRITER.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write JSON", e);
        }
        return out.toByteArray();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A field of one of our own outputs that is missing or of the wrong type. */
    private static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message, null, false, false);
        }
    }
}

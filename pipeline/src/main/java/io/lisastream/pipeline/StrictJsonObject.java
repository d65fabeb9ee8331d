package io.lisastream.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a record value that must be exactly one JSON object in strict JSON and keeps the values of
 * the top-level fields asked for. Strict means: at most {@code maxBytes} bytes, valid UTF-8 (checked
 * by {@link Utf8}, not Jackson), no byte order mark, RFC 8259 syntax only (no comments, single
 * quotes, unquoted names, NaN/Infinity, leading zeros, hex, leading '+', trailing commas, raw
 * control characters in strings), no duplicate key in any object, at most
 * {@link #MAX_NESTING_DEPTH} levels of nesting (the top object is level 1), nothing but whitespace
 * after the object. Work and memory are linear in the (capped) size. Thread-safe.
 */
final class StrictJsonObject {
    static final int MAX_NESTING_DEPTH = 32;

    private final int maxBytes;
    private final JsonFactory factory;

    StrictJsonObject(int maxBytes) {
        if (maxBytes < 2) {
            throw new IllegalArgumentException("maxBytes must be at least 2, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.factory = strictFactory(maxBytes);
    }

    int maxBytes() {
        return maxBytes;
    }

    /** A JsonFactory with every leniency off and the limits above; shared by the readers of this package. */
    static JsonFactory strictFactory(int maxBytes) {
        JsonFactoryBuilder b = new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(maxBytes)
                        .maxDocumentLength(maxBytes)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
        // one at a time: in Jackson 2.18, JsonFactoryBuilder.disable(first, others...) *enables* the others
        for (JsonReadFeature f : JsonReadFeature.values()) {
            b.disable(f);
        }
        return b.build();
    }

    /** Either the wanted fields that were present (absent ones are simply missing from the map) or why the value is refused. */
    record Result(Map<String, JsonValue> fields, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /**
     * Reads {@code value}; never throws. Fields not in {@code wanted} are checked for syntax and
     * skipped; a wanted field's object or array value is recorded by kind only.
     */
    Result read(byte[] value, Set<String> wanted) {
        if (value == null) {
            return fail("record has no value (null)");
        }
        if (value.length == 0) {
            return fail("record value is empty (0 bytes)");
        }
        if (value.length > maxBytes) {
            return fail("record value is " + value.length + " bytes, more than the limit of " + maxBytes + " bytes");
        }
        if (value.length >= 3 && (value[0] & 0xFF) == 0xEF && (value[1] & 0xFF) == 0xBB && (value[2] & 0xFF) == 0xBF) {
            return fail("value starts with a UTF-8 byte order mark; strict JSON has none");
        }
        Utf8.Decoded decoded = Utf8.decodeStrict(value, value.length);
        if (!decoded.ok()) {
            return fail(decoded.error());
        }
        boolean objectClosed = false;
        JsonParser p = null;
        try {
            p = factory.createParser(decoded.text());
            JsonToken t = p.nextToken();
            if (t == null) {
                return fail("record value holds only whitespace, no JSON");
            }
            if (t != JsonToken.START_OBJECT) {
                return fail("expected a JSON object, found " + describeRoot(t));
            }
            Map<String, JsonValue> fields = new HashMap<>();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (wanted.contains(name)) {
                    fields.put(name, valueOf(p, v));
                }
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
            // the parser only hands out END_OBJECT here; anything else would have thrown
            objectClosed = true;
            JsonToken after = p.nextToken();
            if (after != null) {
                return fail("trailing data after the JSON object: " + describeRoot(after) + " at " + where(p.currentTokenLocation()));
            }
            return new Result(fields, null);
        } catch (StreamConstraintsException e) {
            String at = where(e.getLocation() != null ? e.getLocation() : p == null ? null : p.currentLocation());
            String msg = String.valueOf(e.getOriginalMessage());
            if (msg.contains("nesting depth")) {
                return fail("JSON nested more than " + MAX_NESTING_DEPTH + " levels deep at " + at);
            }
            return fail("JSON exceeds a limit at " + at + ": " + jacksonMessage(msg));
        } catch (JsonProcessingException e) {
            String msg = jacksonMessage(String.valueOf(e.getOriginalMessage()));
            String at = where(e.getLocation());
            if (objectClosed) {
                return fail("trailing data after the JSON object at " + at + ": " + msg);
            }
            if (msg.startsWith("Duplicate field")) {
                return fail("duplicate key in a JSON object at " + at + ": " + msg);
            }
            if (msg.startsWith("Unexpected end-of-input")) {
                return fail("JSON ends too early (truncated?) at " + at + ": " + msg);
            }
            return fail("not valid JSON at " + at + ": " + msg);
        } catch (IOException | RuntimeException e) {
            return fail("could not read the value as JSON: " + FieldChecks.excerpt(e.toString()));
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // reading from a String: nothing to release
                }
            }
        }
    }

    private static JsonValue valueOf(JsonParser p, JsonToken v) throws IOException {
        return switch (v) {
            case VALUE_STRING -> new JsonValue(JsonValue.Kind.STRING, p.getText());
            case VALUE_NUMBER_INT -> new JsonValue(JsonValue.Kind.INTEGER, p.getText());
            case VALUE_NUMBER_FLOAT -> new JsonValue(JsonValue.Kind.NON_INTEGER_NUMBER, p.getText());
            case VALUE_TRUE, VALUE_FALSE -> new JsonValue(JsonValue.Kind.BOOLEAN, p.getText());
            case VALUE_NULL -> new JsonValue(JsonValue.Kind.NULL, "null");
            case START_OBJECT -> new JsonValue(JsonValue.Kind.OBJECT, null);
            case START_ARRAY -> new JsonValue(JsonValue.Kind.ARRAY, null);
            default -> throw new IllegalStateException("unexpected token after a field name: " + v);
        };
    }

    private static String describeRoot(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "another object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(t);
        };
    }

    private static String where(JsonLocation loc) {
        if (loc == null) {
            return "an unknown position";
        }
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /**
     * Jackson's message, first line only, without its advice to enable lenient features, at most
     * 160 characters (offending tokens inside are already cut short by Jackson).
     */
    static String jacksonMessage(String s) {
        int nl = s.indexOf('\n');
        String m = nl < 0 ? s : s.substring(0, nl);
        int enable = m.indexOf(": enable `");
        if (enable >= 0) {
            m = m.substring(0, enable);
        }
        int source = m.indexOf("[Source:");
        if (source >= 0) {
            int paren = m.lastIndexOf(" (", source);
            m = m.substring(0, paren >= 0 ? paren : source);
        }
        m = m.replace(" (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", " a JSON value")
                .replaceAll(" \\(not recognized as one since Feature .*\\)$", "");
        return m.length() <= 160 ? m : m.substring(0, 160) + "...";
    }

    private static Result fail(String error) {
        return new Result(null, error);
    }
}

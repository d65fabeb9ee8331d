package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.schemas.WireSchema;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed click records (issue 7, part 3): each is refused with a reason that names
 * what is wrong, and its dead letter carries the original value and the record's coordinates.
 */
class ClickParserRejectsTest {
    /** 2025-11-24T16:00:00Z: the wall clock of these tests. */
    static final long NOW = 1_764_000_000_000L;
    static final long DAY = 24L * 60 * 60 * 1000;
    private static final ClickParser PARSER = new ClickParser();

    static String click(String userId, String itemId, String timestamp) {
        return "{\"userId\": " + userId + ", \"itemId\": " + itemId + ", \"timestamp\": " + timestamp + "}";
    }

    static final String OK = click("\"42\"", "\"1193\"", "978300760000");

    private static Arguments bad(String kind, String json, String reasonContains) {
        return bad(kind, json == null ? null : json.getBytes(UTF_8), reasonContains);
    }

    private static Arguments bad(String kind, byte[] value, String reasonContains) {
        return Arguments.of(kind, value, reasonContains);
    }

    /** "{\"userId\": \"" + bytes + "\", ...}" with raw (possibly invalid UTF-8) bytes inside the user id. */
    private static byte[] withRawBytesInUserId(int... bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"userId\": \"u".getBytes(UTF_8));
        for (int b : bytes) {
            out.write(b);
        }
        out.writeBytes("\", \"itemId\": \"1193\", \"timestamp\": 978300760000}".getBytes(UTF_8));
        return out.toByteArray();
    }

    private static String nested(int levels) {
        // the click object is level 1; the extra field adds levels - 1 arrays
        return "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 978300760000, \"deep\": "
                + "[".repeat(levels - 1) + "]".repeat(levels - 1) + "}";
    }

    static Stream<Arguments> malformed() {
        List<Arguments> c = new ArrayList<>();
        // the value itself
        c.add(bad("record without value (tombstone)", (byte[]) null, "no value"));
        c.add(bad("empty value", "", "empty (0 bytes)"));
        c.add(bad("whitespace only", " \n\t ", "only whitespace"));
        c.add(bad("record over 64 KiB", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 978300760000, \"pad\": \""
                + "x".repeat(65_536) + "\"}", "more than the limit of 65536 bytes"));
        c.add(bad("byte order mark", "\uFEFF" + OK, "byte order mark"));
        // not JSON at all
        c.add(bad("plain text", "hello world", "not valid JSON"));
        c.add(bad("CSV line", "42,1193,978300760000", "not valid JSON at line 1, column 3"));
        c.add(bad("XML", "<click user=\"42\"/>", "not valid JSON"));
        c.add(bad("Python literals", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 978300760000, \"ok\": True}",
                "not valid JSON"));
        // truncated
        c.add(bad("truncated after a number", OK.substring(0, OK.length() - 1), "ends too early"));
        c.add(bad("truncated inside a string", OK.substring(0, 14), "ends too early"));
        c.add(bad("truncated after a colon", "{\"userId\":", "ends too early"));
        c.add(bad("only an opening brace", "{", "ends too early"));
        // JSON that is not an object
        c.add(bad("empty object", "{}", "userId is missing; itemId is missing; timestamp is missing"));
        c.add(bad("array of a click", "[" + OK + "]", "expected a JSON object, found an array"));
        c.add(bad("top-level string", "\"42 1193 978300760000\"", "expected a JSON object, found a string"));
        c.add(bad("top-level number", "42", "expected a JSON object, found a number"));
        c.add(bad("top-level null", "null", "expected a JSON object, found null"));
        c.add(bad("top-level boolean", "true", "expected a JSON object, found a boolean"));
        // missing, null, empty fields
        c.add(bad("missing userId", "{\"itemId\": \"1193\", \"timestamp\": 978300760000}", "userId is missing"));
        c.add(bad("missing itemId", "{\"userId\": \"42\", \"timestamp\": 978300760000}", "itemId is missing"));
        c.add(bad("missing timestamp", "{\"userId\": \"42\", \"itemId\": \"1193\"}", "timestamp is missing"));
        c.add(bad("userId in another case", "{\"UserId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 978300760000}",
                "userId is missing"));
        c.add(bad("null userId", click("null", "\"1193\"", "978300760000"), "userId is null"));
        c.add(bad("null itemId", click("\"42\"", "null", "978300760000"), "itemId is null"));
        c.add(bad("null timestamp", click("\"42\"", "\"1193\"", "null"), "timestamp is null"));
        c.add(bad("empty userId", click("\"\"", "\"1193\"", "978300760000"), "userId is an empty string"));
        c.add(bad("empty itemId", click("\"42\"", "\"\"", "978300760000"), "itemId is an empty string"));
        // wrong types
        c.add(bad("boolean userId", click("true", "\"1193\"", "978300760000"), "userId is a boolean (true)"));
        c.add(bad("object userId", click("{\"id\": 42}", "\"1193\"", "978300760000"), "userId is an object"));
        c.add(bad("array itemId", click("\"42\"", "[1193]", "978300760000"), "itemId is an array"));
        c.add(bad("string timestamp", click("\"42\"", "\"1193\"", "\"978300760000\""),
                "timestamp is a string (\"978300760000\"); expected an integer"));
        c.add(bad("boolean timestamp", click("\"42\"", "\"1193\"", "false"), "timestamp is a boolean (false)"));
        c.add(bad("object timestamp", click("\"42\"", "\"1193\"", "{\"ms\": 1}"), "timestamp is an object"));
        c.add(bad("number type", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 1, \"type\": 5}",
                "type is an integer (5); expected a string"));
        c.add(bad("null type", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 1, \"type\": null}",
                "type is null; expected a string"));
        c.add(bad("empty type", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 1, \"type\": \"\"}",
                "type is an empty string"));
        // non-integer numbers as ids
        c.add(bad("fractional userId", click("1.5", "\"1193\"", "978300760000"), "userId is a number with a fraction or exponent (1.5)"));
        c.add(bad("exponent itemId", click("\"42\"", "1e3", "978300760000"), "itemId is a number with a fraction or exponent (1e3)"));
        c.add(bad("integral-valued float id", click("42.0", "\"1193\"", "978300760000"), "userId is a number with a fraction or exponent (42.0)"));
        c.add(bad("id beyond 64 bits", click("9223372036854775808", "\"1193\"", "978300760000"),
                "userId is an integer outside the signed 64-bit range (9223372036854775808)"));
        c.add(bad("id of 400 digits", click("1".repeat(400), "\"1193\"", "978300760000"),
                "userId is an integer outside the signed 64-bit range"));
        // long ids and control characters
        c.add(bad("userId of 257 characters", click("\"" + "u".repeat(257) + "\"", "\"1193\"", "978300760000"),
                "userId is 257 characters long, more than 256"));
        c.add(bad("itemId of 10000 characters", click("\"42\"", "\"" + "i".repeat(10_000) + "\"", "978300760000"),
                "itemId is 10000 characters long, more than 256"));
        c.add(bad("BEL in userId", click("\"4\\u00072\"", "\"1193\"", "978300760000"),
                "userId contains the control character U+0007 at character 1"));
        c.add(bad("newline at end of itemId", click("\"42\"", "\"1193\\n\"", "978300760000"),
                "itemId contains the control character U+000A at character 4"));
        c.add(bad("NUL in userId", click("\"42\\u0000\"", "\"1193\"", "978300760000"), "control character U+0000"));
        c.add(bad("DEL in itemId", click("\"42\"", "\"11\\u007f93\"", "978300760000"), "control character U+007F"));
        c.add(bad("C1 control in userId", click("\"42\\u0085\"", "\"1193\"", "978300760000"), "control character U+0085"));
        c.add(bad("raw tab inside a string", click("\"4\t2\"", "\"1193\"", "978300760000"), "not valid JSON"));
        c.add(bad("unpaired surrogate escape", click("\"\\ud800x\"", "\"1193\"", "978300760000"),
                "userId contains an unpaired surrogate U+D800 at character 0"));
        // invalid UTF-8
        c.add(bad("lone 0xFF byte", withRawBytesInUserId(0xFF), "not valid UTF-8: malformed sequence 0xFF at byte 13"));
        c.add(bad("stray continuation byte", withRawBytesInUserId(0x80), "not valid UTF-8"));
        c.add(bad("overlong '/' (C0 AF)", withRawBytesInUserId(0xC0, 0xAF), "not valid UTF-8"));
        c.add(bad("overlong 3-byte form", withRawBytesInUserId(0xE0, 0x80, 0xAF), "not valid UTF-8"));
        c.add(bad("UTF-8 encoded surrogate (CESU)", withRawBytesInUserId(0xED, 0xA0, 0x80), "not valid UTF-8"));
        c.add(bad("code point above U+10FFFF", withRawBytesInUserId(0xF4, 0x90, 0x80, 0x80), "not valid UTF-8"));
        c.add(bad("multi-byte sequence cut short", withRawBytesInUserId(0xE2, 0x82), "not valid UTF-8"));
        c.add(bad("Latin-1 instead of UTF-8", click("\"caf\u00e9\"", "\"1193\"", "1").getBytes(ISO_8859_1),
                "not valid UTF-8: malformed sequence 0xE9"));
        c.add(bad("UTF-16LE without BOM", OK.getBytes(UTF_16LE), "not valid JSON"));
        c.add(bad("UTF-16BE with BOM", ("\uFEFF" + OK).getBytes(UTF_16BE), "not valid UTF-8"));
        c.add(bad("invalid UTF-8 in an ignored field",
                concat("{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 1, \"note\": \"".getBytes(UTF_8),
                        new byte[] {(byte) 0xC0, (byte) 0x80}, "\"}".getBytes(UTF_8)),
                "not valid UTF-8: malformed sequence 0xC0"));
        // timestamps
        c.add(bad("fractional timestamp", click("\"42\"", "\"1193\"", "978300760000.5"),
                "timestamp is a number with a fraction or exponent (978300760000.5)"));
        c.add(bad("timestamp with .0", click("\"42\"", "\"1193\"", "978300760000.0"), "timestamp is a number with a fraction or exponent"));
        c.add(bad("timestamp in exponent form", click("\"42\"", "\"1193\"", "9.783e11"), "timestamp is a number with a fraction or exponent"));
        c.add(bad("negative timestamp", click("\"42\"", "\"1193\"", "-1"), "timestamp is negative (-1)"));
        c.add(bad("timestamp past 2^63-1", click("\"42\"", "\"1193\"", "9223372036854775808"),
                "timestamp 9223372036854775808 does not fit in a signed 64-bit integer"));
        c.add(bad("timestamp far below -2^63", click("\"42\"", "\"1193\"", "-99999999999999999999999"), "does not fit in a signed 64-bit integer"));
        c.add(bad("timestamp a day and a millisecond ahead", click("\"42\"", "\"1193\"", Long.toString(NOW + DAY + 1)),
                "is more than 24 h ahead of the wall clock (2025-11-24T16:00:00Z)"));
        c.add(bad("timestamp at 2^63-1", click("\"42\"", "\"1193\"", Long.toString(Long.MAX_VALUE)), "more than 24 h ahead"));
        c.add(bad("timestamp in microseconds (1000x too large)", click("\"42\"", "\"1193\"", Long.toString(NOW * 1000)), "more than 24 h ahead"));
        // duplicate keys
        c.add(bad("duplicate userId", "{\"userId\": \"42\", \"itemId\": \"1193\", \"userId\": \"43\", \"timestamp\": 1}",
                "duplicate key in a JSON object at line 1, column 44: Duplicate field 'userId'"));
        c.add(bad("duplicate key inside an extra field", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 1, \"x\": {\"a\": 1, \"a\": 2}}",
                "Duplicate field 'a'"));
        // trailing data
        c.add(bad("second object after the click", OK + OK, "trailing data after the JSON object: another object at line 1, column"));
        c.add(bad("newline-separated second object", OK + "\n" + OK, "trailing data after the JSON object: another object at line 2"));
        c.add(bad("garbage after the click", OK + " garbage", "trailing data after the JSON object"));
        c.add(bad("comma after the click", OK + ",", "trailing data after the JSON object"));
        c.add(bad("closing bracket after the click", OK + "]", "trailing data after the JSON object"));
        c.add(bad("NUL byte after the click", OK + "\u0000", "trailing data after the JSON object"));
        // nesting
        c.add(bad("33 levels of nesting", nested(33), "JSON nested more than 32 levels deep"));
        c.add(bad("10000 opening brackets", "[".repeat(10_000), "expected a JSON object, found an array"));
        c.add(bad("10000 levels inside the object", "{\"deep\": " + "[".repeat(10_000), "JSON nested more than 32 levels deep"));
        // non-standard JSON
        c.add(bad("single quotes", "{'userId': '42', 'itemId': '1193', 'timestamp': 978300760000}", "not valid JSON"));
        c.add(bad("unquoted keys", "{userId: \"42\", itemId: \"1193\", timestamp: 978300760000}", "not valid JSON"));
        c.add(bad("NaN timestamp", click("\"42\"", "\"1193\"", "NaN"), "not valid JSON"));
        c.add(bad("Infinity timestamp", click("\"42\"", "\"1193\"", "Infinity"), "not valid JSON"));
        c.add(bad("-Infinity timestamp", click("\"42\"", "\"1193\"", "-Infinity"), "not valid JSON"));
        c.add(bad("hex userId", click("0x2A", "\"1193\"", "978300760000"), "not valid JSON"));
        c.add(bad("leading zero itemId", click("\"42\"", "01193", "978300760000"), "not valid JSON"));
        c.add(bad("leading plus timestamp", click("\"42\"", "\"1193\"", "+978300760000"), "not valid JSON"));
        c.add(bad("leading decimal point", click("\"42\"", "\"1193\"", ".5"), "not valid JSON"));
        c.add(bad("trailing comma in the object", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 1,}", "not valid JSON"));
        c.add(bad("trailing comma in an array", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 1, \"tags\": [1, 2,]}",
                "not valid JSON"));
        c.add(bad("missing value", "{\"userId\": , \"itemId\": \"1193\", \"timestamp\": 1}", "not valid JSON"));
        c.add(bad("block comment", "{/* who */ \"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 1}", "not valid JSON"));
        c.add(bad("line comment", "{\"userId\": \"42\", // who\n \"itemId\": \"1193\", \"timestamp\": 1}", "not valid JSON"));
        c.add(bad("backslash escaping a plain letter", click("\"4\\q2\"", "\"1193\"", "1"), "not valid JSON"));
        return c.stream();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesWithAReasonAndKeepsTheRecord(String kind, byte[] value, String reasonContains) {
        ClickParseResult r = PARSER.parse(value, "clicks", 3, 1234L, NOW);

        assertThat(r.isAccepted()).as(kind).isFalse();
        assertThat(r.click()).isNull();
        assertThat(r.reason()).as(kind).contains(reasonContains);

        DeadLetter d = r.deadLetter();
        assertThat(d.error).isEqualTo(r.reason());
        assertThat(d.topic).isEqualTo("clicks");
        assertThat(d.partition).isEqualTo(3);
        assertThat(d.offset).isEqualTo(1234L);
        assertThat(DeadLetterTest.originalBytes(d)).as("the dead letter keeps the value").isEqualTo(
                value == null ? null : value.length > DeadLetter.MAX_KEPT_BYTES ? null : value);
        assertThat(Schemas.errors(WireSchema.DEAD_LETTER, WireJson.deadLetter(d))).isEmpty();
    }

    @Test
    void atLeastThirtyKinds() {
        assertThat(malformed().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void thirtyTwoLevelsOfNestingAreFine() {
        assertThat(PARSER.parse(nested(32).getBytes(UTF_8), "clicks", 0, 0, NOW).isAccepted()).isTrue();
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        ClickParseResult r = PARSER.parse(click("true", "\"\"", "-5").getBytes(UTF_8), "clicks", 0, 0, NOW);
        assertThat(r.reason()).isEqualTo("userId is a boolean (true); expected a string or an integer; "
                + "itemId is an empty string; timestamp is negative (-5); expected epoch milliseconds >= 0");
    }

    @Test
    void quotesAtMostFortyCharactersOfTheInput() {
        ClickParseResult r = PARSER.parse(click("\"42\"", "\"1193\"", "\"" + "9".repeat(5000) + "\"").getBytes(UTF_8),
                "clicks", 0, 0, NOW);
        assertThat(r.reason()).hasSizeLessThan(150).contains("9".repeat(40) + "...");
    }
}

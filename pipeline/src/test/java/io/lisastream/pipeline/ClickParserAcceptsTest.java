package io.lisastream.pipeline;

import static io.lisastream.pipeline.ClickParserRejectsTest.DAY;
import static io.lisastream.pipeline.ClickParserRejectsTest.NOW;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.operator.ClickEvent;
import io.lisastream.schemas.WireSchema;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid clicks are accepted as they are meant; each also passes the click-event schema. */
class ClickParserAcceptsTest {
    private static final ClickParser PARSER = new ClickParser();

    private static Arguments ok(String kind, String json, String user, String item, long ts, String type) {
        return Arguments.of(kind, json, user, item, ts, type);
    }

    static Stream<Arguments> valid() {
        String emoji256 = "\uD83D\uDE00".repeat(256);
        return Stream.of(
                ok("the contract's example", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 978300760000}",
                        "42", "1193", 978300760000L, "click"),
                ok("integer ids, read as decimal strings", "{\"userId\": 42, \"itemId\": 1193, \"timestamp\": 978300760000}",
                        "42", "1193", 978300760000L, "click"),
                ok("negative and extreme integer ids", "{\"userId\": -7, \"itemId\": 9223372036854775807, \"timestamp\": 1}",
                        "-7", "9223372036854775807", 1L, "click"),
                ok("minus zero id", "{\"userId\": -0, \"itemId\": \"a\", \"timestamp\": 1}", "0", "a", 1L, "click"),
                ok("epoch zero", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 0}", "42", "1193", 0L, "click"),
                ok("exactly a day ahead", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": " + (NOW + DAY) + "}",
                        "42", "1193", NOW + DAY, "click"),
                ok("type given", "{\"type\": \"purchase\", \"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 5}",
                        "42", "1193", 5L, "purchase"),
                ok("extra fields of every kind", "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 5, \"session\": "
                        + "{\"id\": \"s\", \"tags\": [1, 2.5, -3e2, null, true, {}]}, \"price\": 9.99, \"ref\": null, "
                        + "\"ctrl\": \"\\u0001 is fine outside ids\", \"big\": 123456789012345678901234567890}",
                        "42", "1193", 5L, "click"),
                ok("fields in any order, whitespace around", " \r\n\t{ \"timestamp\" : 5 ,\"itemId\":\"i\" , \"userId\" :\"u\" }\n ",
                        "u", "i", 5L, "click"),
                ok("unicode ids", "{\"userId\": \"\u30e6\u30fc\u30b6\u30fc\", \"itemId\": \"caf\u00e9-\uD83D\uDE00\", \"timestamp\": 5}",
                        "\u30e6\u30fc\u30b6\u30fc", "caf\u00e9-\uD83D\uDE00", 5L, "click"),
                ok("escapes in ids", "{\"userId\": \"a\\/b\\\"c\\\\\", \"itemId\": \"caf\\u00e9 \\ud83d\\ude00\", \"timestamp\": 5}",
                        "a/b\"c\\", "caf\u00e9 \uD83D\uDE00", 5L, "click"),
                ok("256-character ids (emoji count once)", "{\"userId\": \"" + "u".repeat(256) + "\", \"itemId\": \"" + emoji256
                        + "\", \"timestamp\": 5}", "u".repeat(256), emoji256, 5L, "click"),
                ok("blank but non-empty id", "{\"userId\": \" \", \"itemId\": \"1\", \"timestamp\": 5}", " ", "1", 5L, "click"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void accepts(String kind, String json, String user, String item, long ts, String type) {
        ClickParseResult r = PARSER.parse(json.getBytes(UTF_8), "clicks", 0, 7, NOW);

        assertThat(r.reason()).as(kind).isNull();
        assertThat(r.isAccepted()).isTrue();
        assertThat(r.click()).isEqualTo(new ClickEvent(user, item, ts, NOW));
        assertThat(r.type()).isEqualTo(type);
        assertThat(r.deadLetter()).isNull();
        assertThat(Schemas.errors(WireSchema.CLICK_EVENT, json.getBytes(UTF_8))).as("schema agrees").isEmpty();
    }

    @Test
    void acceptsARecordOfExactlyTheLimit() {
        String head = "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 5, \"pad\": \"";
        String tail = "\"}";
        String json = head + "x".repeat(ClickParser.DEFAULT_MAX_RECORD_BYTES - head.length() - tail.length()) + tail;
        assertThat(json.getBytes(UTF_8)).hasSize(65_536);
        assertThat(PARSER.parse(json.getBytes(UTF_8), "clicks", 0, 0, NOW).isAccepted()).isTrue();
        assertThat(PARSER.parse((json + " ").getBytes(UTF_8), "clicks", 0, 0, NOW).reason())
                .isEqualTo("record value is 65537 bytes, more than the limit of 65536 bytes");
    }

    @Test
    void aSmallerLimitCanBeConfigured() {
        ClickParser small = new ClickParser(64);
        byte[] click = "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 978300760000}".getBytes(UTF_8);
        assertThat(small.parse(click, "t", 0, 0, NOW).isAccepted()).isTrue();
        byte[] longer = "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 978300760000, \"x\": 1}".getBytes(UTF_8);
        assertThat(small.parse(longer, "t", 0, 0, NOW).reason()).contains("more than the limit of 64 bytes");
    }

    @Test
    void historicalTimestampsStayValidWhateverTheWallClock() {
        byte[] old = "{\"userId\": \"1\", \"itemId\": \"2\", \"timestamp\": 956703932000}".getBytes(UTF_8); // ML-1M, 2000
        assertThat(PARSER.parse(old, "t", 0, 0, NOW).isAccepted()).isTrue();
        assertThat(PARSER.parse(old, "t", 0, 0, Long.MAX_VALUE).isAccepted()).isTrue();
        // a wall clock in 1990 makes the year-2000 click more than a day ahead
        assertThat(PARSER.parse(old, "t", 0, 0, 631_152_000_000L).isAccepted()).isFalse();
    }

    @Test
    void survivesJavaSerializationAsAFlinkFunctionField() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new ClickParser(1000));
        }
        ClickParser copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ClickParser) in.readObject();
        }
        assertThat(copy.maxRecordBytes()).isEqualTo(1000);
        byte[] click = "{\"userId\": 1, \"itemId\": 2, \"timestamp\": 3}".getBytes(UTF_8);
        assertThat(copy.parse(click, "t", 0, 0, NOW).click()).isEqualTo(new ClickEvent("1", "2", 3, NOW));
    }
}

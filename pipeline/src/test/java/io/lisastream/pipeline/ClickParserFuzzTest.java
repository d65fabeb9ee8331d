package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lisastream.schemas.WireSchema;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the click parser ({@link ClickParser#parse}), the first thing every
 * Kafka record meets. Seeds: valid clicks and typical malformed ones in
 * {@code ClickParserFuzzTestInputs/clickParser}. What must hold for every value:
 * <ul>
 *   <li>it never throws, and never needs its last-resort catch (a reason starting "internal error"
 *       means some check threw);</li>
 *   <li>a refused record has a reason in words, and its dead letter carries the exact original bytes
 *       and the record's coordinates;</li>
 *   <li>an accepted record is one that an independent strict JSON reader (Jackson, duplicate keys and
 *       trailing tokens refused) reads as an object with the same userId, itemId and timestamp, that
 *       the wire schema accepts, and whose fields keep the contract's limits;</li>
 *   <li>memory follows the size of the record (measured on a second parse of the same bytes: at most {@link #ALLOWANCE_BYTES} plus
 *       {@link #BYTES_PER_INPUT_BYTE} per byte).</li>
 * </ul>
 * {@code mvn test} replays the committed inputs; {@code mvn verify} fuzzes (see the root pom).
 */
class ClickParserFuzzTest {
    /** 2025-11-24T16:00:00Z, the wall clock given to the parser. */
    private static final long NOW = 1_764_000_000_000L;
    private static final String TOPIC = "clicks";
    private static final int PARTITION = 3;
    private static final long OFFSET = 4_242L;
    static final long ALLOWANCE_BYTES = 2 << 20;
    static final long BYTES_PER_INPUT_BYTE = 100;

    /**
     * Created on first use, after Jazzer's agent is installed: a class loaded before that must be
     * re-instrumented, and Jazzer then scans the whole class path for it (seconds per class).
     */
    private static final class Lazy {
        static final ClickParser PARSER = new ClickParser();
        static final JsonMapper STRICT_JACKSON = strictJackson();

        private static JsonMapper strictJackson() {
            JsonMapper m = JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();
            // the parser checks only the syntax of numbers in fields it ignores, of any length
            m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE).build());
            return m;
        }
    }

    @FuzzTest
    @DictionaryEntries({"\"userId\"", "\"itemId\"", "\"timestamp\"", "\"type\"", "\\u0000", "\\ud83d\\ude00",
            "9223372036854775807", "-0", "1e3", "null", "true", "false", "[]", "{}"})
    void clickParser(byte[] value) {
        // the first parse may pay one-time costs (class loading): measure the second
        boolean firstAccepted = Lazy.PARSER.parse(value, TOPIC, PARTITION, OFFSET, NOW).isAccepted();
        long before = AllocationMeter.allocatedBytes();
        ClickParseResult r = Lazy.PARSER.parse(value, TOPIC, PARTITION, OFFSET, NOW);
        long used = AllocationMeter.allocatedBytes() - before;
        assertThat(used).as("bytes allocated parsing %d bytes", value.length)
                .isLessThanOrEqualTo(ALLOWANCE_BYTES + BYTES_PER_INPUT_BYTE * value.length);
        assertThat(r.isAccepted()).as("same verdict twice").isEqualTo(firstAccepted);
        if (r.isAccepted()) {
            checkAccepted(value, r);
        } else {
            checkRefused(value, r);
        }
    }

    private static void checkRefused(byte[] value, ClickParseResult r) {
        assertThat(r.click()).isNull();
        assertThat(r.reason()).isNotBlank().doesNotStartWith("internal error").doesNotStartWith("unknown error");
        DeadLetter d = r.deadLetter();
        assertThat(d.topic).isEqualTo(TOPIC);
        assertThat(d.partition).isEqualTo(PARTITION);
        assertThat(d.offset).isEqualTo(OFFSET);
        assertThat(d.rawSize).isEqualTo(value.length);
        if (!d.rawTruncated) {
            assertThat(DeadLetterTest.originalBytes(d)).as("original bytes kept by the dead letter").isEqualTo(value);
        }
    }

    private static void checkAccepted(byte[] value, ClickParseResult r) {
        assertThat(r.deadLetter()).isNull();
        var click = r.click();
        assertId(click.userId);
        assertId(click.itemId);
        assertThat(click.timestamp).isBetween(0L, NOW + ClickParser.MAX_AHEAD_MILLIS);
        assertThat(click.ingestMillis).isEqualTo(NOW);
        assertThat(r.type()).isNotEmpty();
        assertThat(value.length).isLessThanOrEqualTo(Lazy.PARSER.maxRecordBytes());

        JsonNode tree;
        try {
            tree = Lazy.STRICT_JACKSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError("accepted, but strict Jackson refuses it: " + e.getOriginalMessage()
                    + "\n" + new String(value, UTF_8), e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(tree != null && tree.isObject()).as("strict Jackson reads an object").isTrue();
        assertThat(idOf(tree.get("userId"))).isEqualTo(click.userId);
        assertThat(idOf(tree.get("itemId"))).isEqualTo(click.itemId);
        assertThat(tree.get("timestamp").isIntegralNumber()).isTrue();
        assertThat(tree.get("timestamp").bigIntegerValue()).isEqualTo(java.math.BigInteger.valueOf(click.timestamp));
        assertThat(Schemas.errors(WireSchema.CLICK_EVENT, value)).as("schema errors of an accepted click").isEmpty();
    }

    private static String idOf(JsonNode n) {
        assertThat(n).isNotNull();
        return n.isTextual() ? n.textValue() : n.bigIntegerValue().toString();
    }

    private static void assertId(String id) {
        assertThat(id).isNotEmpty();
        assertThat(id.codePointCount(0, id.length())).isLessThanOrEqualTo(ClickParser.MAX_ID_CHARS);
        assertThat(id.chars().noneMatch(Character::isISOControl)).as("no control characters in %s", id).isTrue();
    }
}

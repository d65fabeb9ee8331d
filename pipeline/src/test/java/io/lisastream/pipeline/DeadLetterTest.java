package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.schemas.WireSchema;
import java.util.Arrays;
import java.util.Base64;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** Dead letters keep the refused value recoverably and are valid by the dead-letter schema. */
class DeadLetterTest {

    /** The original value as far as a dead letter keeps it exactly, or null (no value, or truncated). */
    static byte[] originalBytes(DeadLetter d) {
        if (d.raw == null || d.rawTruncated) {
            return null;
        }
        return d.rawBase64 != null ? Base64.getDecoder().decode(d.rawBase64) : d.raw.getBytes(UTF_8);
    }

    private static DeadLetter roundTrip(DeadLetter d) {
        byte[] json = WireJson.deadLetter(d);
        assertThat(Schemas.errors(WireSchema.DEAD_LETTER, json)).as(new String(json, UTF_8)).isEmpty();
        return WireJson.parseDeadLetter(json).value();
    }

    @Test
    void validUtf8IsKeptAsExactText() {
        byte[] value = "{\"userId\": \"caf\u00e9 \uD83D\uDE00\", \u0001 not json".getBytes(UTF_8);
        DeadLetter d = DeadLetter.of("not valid JSON", value, "clicks", 2, 99);

        assertThat(d.raw).isEqualTo(new String(value, UTF_8));
        assertThat(d.rawBase64).isNull();
        assertThat(d.rawSize).isEqualTo(value.length);
        assertThat(d.rawTruncated).isFalse();
        assertThat(roundTrip(d)).isEqualTo(d);
        assertThat(originalBytes(roundTrip(d))).isEqualTo(value);
    }

    @Test
    void invalidUtf8IsReadableAndExactInBase64() {
        byte[] value = {'{', '"', 'u', '"', ':', '"', (byte) 0xFF, (byte) 0xC0, (byte) 0xAF, '"', '}'};
        DeadLetter d = DeadLetter.of("value is not valid UTF-8", value, "clicks", 0, 5);

        assertThat(d.raw).startsWith("{\"u\":\"").contains("\uFFFD").endsWith("\"}");
        assertThat(Base64.getDecoder().decode(d.rawBase64)).isEqualTo(value);
        assertThat(originalBytes(roundTrip(d))).isEqualTo(value);
    }

    @Test
    void aRecordWithoutValueHasNullRaw() {
        DeadLetter d = DeadLetter.of("record has no value (null)", null, "clicks", 1, 0);
        assertThat(d.raw).isNull();
        assertThat(d.rawSize).isZero();
        assertThat(roundTrip(d)).isEqualTo(d);
    }

    @Test
    void aHugeTextValueKeepsItsFirst64KiBCutAtACharacterBoundary() {
        // 65535 ASCII bytes then a 3-byte euro sign straddling the 64 KiB limit, then more
        byte[] value = ("x".repeat(65_535) + "\u20ac" + "y".repeat(1000)).getBytes(UTF_8);
        DeadLetter d = DeadLetter.of("too big", value, "clicks", 0, 1);

        assertThat(d.rawTruncated).isTrue();
        assertThat(d.rawSize).isEqualTo(value.length);
        assertThat(d.raw).isEqualTo("x".repeat(65_535));
        assertThat(d.rawBase64).isNull();
        assertThat(WireJson.deadLetter(d).length).isLessThan(1_000_000);
        assertThat(roundTrip(d)).isEqualTo(d);
    }

    @Test
    void aHugeBinaryValueKeepsItsFirst64KiBInBase64() {
        byte[] value = new byte[1_000_000];
        Arrays.fill(value, (byte) 0xFF);
        DeadLetter d = DeadLetter.of("too big", value, "clicks", 0, 1);

        assertThat(d.rawTruncated).isTrue();
        assertThat(d.rawSize).isEqualTo(1_000_000);
        assertThat(Base64.getDecoder().decode(d.rawBase64)).isEqualTo(Arrays.copyOf(value, DeadLetter.MAX_KEPT_BYTES));
        assertThat(WireJson.deadLetter(d).length).isLessThan(1_000_000);
        assertThat(roundTrip(d)).isEqualTo(d);
    }

    @Test
    void controlCharactersAreEscapedNotLost() {
        byte[] value = "\u0000\u0001\u001f\"\\ \u007f".getBytes(UTF_8);
        DeadLetter d = DeadLetter.of("bad", value, "clicks", 0, 1);
        byte[] json = WireJson.deadLetter(d);
        assertThat(new String(json, UTF_8)).contains("\\u0000\\u0001\\u001F\\\"\\\\");
        assertThat(originalBytes(roundTrip(d))).isEqualTo(value);
    }

    @Test
    void aMissingReasonStillSaysSomething() {
        assertThat(DeadLetter.of(null, new byte[] {1}, "t", 0, 0).error).isEqualTo("unknown error");
    }

    @Test
    void isAFlinkPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DeadLetter.class);
    }
}

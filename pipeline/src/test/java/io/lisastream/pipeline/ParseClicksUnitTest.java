package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.operator.ClickEvent;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The parse stage in a Flink harness: valid clicks out, refused ones to the dead-letter side output, nothing thrown. */
class ParseClicksUnitTest {
    private static final long NOW = 1_764_000_000_000L;
    private static final long DAY = 24L * 60 * 60 * 1000;

    private static OneInputStreamOperatorTestHarness<RawRecord, ClickEvent> harness() throws Exception {
        OneInputStreamOperatorTestHarness<RawRecord, ClickEvent> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseClicks(new ClickParser(), () -> NOW));
        return h;
    }

    private static RawRecord record(String json, int partition, long offset) {
        return new RawRecord(json == null ? null : json.getBytes(UTF_8), "clicks", partition, offset);
    }

    private static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<RawRecord, ClickEvent> h) {
        return h.getSideOutput(ParseClicks.DEAD_LETTERS) == null ? List.of()
                : h.getSideOutput(ParseClicks.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void validClickBecomesClickEventStampedWithTheWallClock() throws Exception {
        try (var h = harness()) {
            h.processElement(record("{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 978300760000}", 0, 7), 0L);
            h.processElement(record("{\"userId\": 7, \"itemId\": 99, \"timestamp\": " + (NOW + DAY) + ", \"type\": \"view\"}", 1, 3), 0L);

            assertThat(h.extractOutputValues()).containsExactly(
                    new ClickEvent("42", "1193", 978300760000L, NOW),
                    new ClickEvent("7", "99", NOW + DAY, NOW));
            assertThat(deadLetters(h)).isEmpty();
        }
    }

    @Test
    void refusedRecordsGoToTheSideOutputWithReasonRawValueAndCoordinates() throws Exception {
        try (var h = harness()) {
            h.processElement(record("not json", 0, 10), 0L);
            h.processElement(record("{\"itemId\": \"1\", \"timestamp\": 5}", 1, 11), 0L);
            h.processElement(record("{\"userId\": \"u\", \"itemId\": \"1\", \"timestamp\": " + (NOW + DAY + 1) + "}", 2, 12), 0L);
            h.processElement(record(null, 3, 13), 0L);

            assertThat(h.extractOutputValues()).isEmpty();
            List<DeadLetter> dl = deadLetters(h);
            assertThat(dl).hasSize(4);
            assertThat(dl).extracting(d -> d.topic).containsOnly("clicks");
            assertThat(dl).extracting(d -> d.partition).containsExactly(0, 1, 2, 3);
            assertThat(dl).extracting(d -> d.offset).containsExactly(10L, 11L, 12L, 13L);
            assertThat(dl.get(0).raw).isEqualTo("not json");
            assertThat(dl.get(0).error).containsIgnoringCase("json");
            assertThat(dl.get(1).error).contains("userId");
            assertThat(dl.get(2).error).contains("timestamp");
            assertThat(dl.get(3).raw).isNull();
            assertThat(dl).allSatisfy(d -> assertThat(d.error).isNotBlank());
        }
    }

    @Test
    void mixedStreamKeepsOrderAndLosesNothing() throws Exception {
        try (var h = harness()) {
            int valid = 0;
            int refused = 0;
            for (int i = 0; i < 200; i++) {
                if (i % 7 == 3) {
                    h.processElement(record("{\"userId\": \"u" + i + "\", \"itemId\": \"x\", \"timestamp\": -" + i + "}", 0, i), 0L);
                    refused++;
                } else {
                    h.processElement(record("{\"userId\": \"u" + i + "\", \"itemId\": \"x\", \"timestamp\": " + i + "}", 0, i), 0L);
                    valid++;
                }
            }
            List<ClickEvent> out = h.extractOutputValues();
            assertThat(out).hasSize(valid);
            assertThat(out).extracting(c -> c.timestamp).isSorted();
            assertThat(deadLetters(h)).hasSize(refused);
            assertThat(deadLetters(h)).extracting(d -> d.offset).allMatch(o -> o % 7 == 3);
        }
    }

    @Test
    void theOperatorIsAPlainProcessOperator() throws Exception {
        // the stage is stateless: nothing to snapshot beyond the operator itself
        try (var h = harness()) {
            assertThat(h.getOperator()).isInstanceOf(ProcessOperator.class);
            assertThat(h.snapshot(1L, 1L).getManagedKeyedState()).isEmpty();
        }
    }
}

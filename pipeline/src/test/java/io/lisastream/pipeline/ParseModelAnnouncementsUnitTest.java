package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.operator.ModelAnnouncement;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The control-topic stage: valid announcements out; anything else refused with a reason, never thrown. */
class ParseModelAnnouncementsUnitTest {
    private static final String SHA = "AB".repeat(32);

    private static RawRecord record(String json, long offset) {
        return new RawRecord(json == null ? null : json.getBytes(UTF_8), "models", 0, offset);
    }

    @Test
    void validAnnouncementPassesWithItsDigestInLowerCase() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, ModelAnnouncement> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseModelAnnouncements())) {
            h.processElement(record("{\"version\": \"v3\", \"uri\": \"file:///models/v3\", \"sha256\": \"" + SHA + "\"}", 0), 0L);
            assertThat(h.extractOutputValues()).containsExactly(new ModelAnnouncement("v3", "file:///models/v3", SHA.toLowerCase()));
            assertThat(h.getSideOutput(ParseModelAnnouncements.DEAD_LETTERS)).isNull();
        }
    }

    @Test
    void badAnnouncementsAreRefusedWithReasonAndCoordinates() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, ModelAnnouncement> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseModelAnnouncements())) {
            h.processElement(record("v4 is ready", 1), 0L);
            h.processElement(record("{\"version\": \"v4\", \"uri\": \"file:///models/v4\"}", 2), 0L);
            h.processElement(record("{\"version\": \"v4\", \"uri\": \"models/v4\", \"sha256\": \"" + SHA + "\"}", 3), 0L);
            h.processElement(record("{\"version\": \"v4\", \"uri\": \"file:///m\", \"sha256\": \"xyz\"}", 4), 0L);
            h.processElement(record(null, 5), 0L);

            assertThat(h.extractOutputValues()).isEmpty();
            List<DeadLetter> dl = h.getSideOutput(ParseModelAnnouncements.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
            assertThat(dl).extracting(d -> d.offset).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(dl).allSatisfy(d -> {
                assertThat(d.topic).isEqualTo("models");
                assertThat(d.error).startsWith("invalid model announcement: ");
            });
            assertThat(dl.get(0).raw).isEqualTo("v4 is ready");
            assertThat(dl.get(1).error).contains("sha256");
            assertThat(dl.get(2).error).contains("uri");
            assertThat(dl.get(3).error).contains("sha256");
        }
    }
}

package io.lisastream.cli.tail;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.operator.Recommendation;
import io.lisastream.pipeline.DeadLetter;
import io.lisastream.pipeline.WireJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordTextTest {

    @Test
    void aRecommendationShowsUserClickModelAndTheFirstItems() {
        byte[] v = WireJson.recommendation(new Recommendation("42", 978300760000L, "v3", 17,
                new String[] {"1193", "661", "914"}, new float[] {3.21f, 2.98f, 2.5f}, 0L));
        assertThat(RecordText.format(v, 2)).isEqualTo(
                "user 42  click #17  at 2000-12-31T22:12:40Z  model v3  -> 1193 (3.210), 661 (2.980), ... (3 items)");
    }

    @Test
    void aDeadLetterShowsWhereItCameFromAndWhy() {
        DeadLetter d = new DeadLetter();
        d.error = "timestamp is missing";
        d.raw = "{\"userId\":\"1\"}";
        d.topic = "clicks";
        d.partition = 1;
        d.offset = 7;
        assertThat(RecordText.format(WireJson.deadLetter(d), 5))
                .isEqualTo("DEAD LETTER clicks-1@7: timestamp is missing  | raw: {\"userId\":\"1\"}");
    }

    @Test
    void anythingElseIsShownRawWithTheReason() {
        assertThat(RecordText.format("hello\nworld".getBytes(StandardCharsets.UTF_8), 5))
                .startsWith("unreadable record (").endsWith("hello\\nworld");
    }
}

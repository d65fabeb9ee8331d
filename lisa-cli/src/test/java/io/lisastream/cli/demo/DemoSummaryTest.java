package io.lisastream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {

    @Test
    void jsonHasExactlyTheDocumentedKeys() throws Exception {
        DemoSummary s = new DemoSummary(100, 95, 5, 812, 1630, 0.61234, 0.1, "v1", 90, 50, 900.0, 12.0, "lisa-base");
        JsonNode n = new ObjectMapper().readTree(s.toJson());
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("events", "recommendations", "deadLetters", "p50LatencyMs", "p99LatencyMs",
                "onlineHr10", "popularityHr10", "modelVersion");
        assertThat(n.get("events").asLong()).isEqualTo(100);
        assertThat(n.get("deadLetters").asLong()).isEqualTo(5);
        assertThat(n.get("onlineHr10").asDouble()).isEqualTo(0.6123);
        assertThat(n.get("modelVersion").asText()).isEqualTo("v1");
    }

    @Test
    void unmeasuredNumbersAreNullInJsonAndDashesInText() throws Exception {
        DemoSummary s = new DemoSummary(3, 0, 3, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "v1", 0, 50, 1, 1, "lisa-base");
        JsonNode n = new ObjectMapper().readTree(s.toJson());
        assertThat(n.get("p50LatencyMs").isNull()).isTrue();
        assertThat(n.get("onlineHr10").isNull()).isTrue();
        assertThat(s.toText()).contains("dead letters", "3").contains("latency p50 / p99          - / -");
    }
}

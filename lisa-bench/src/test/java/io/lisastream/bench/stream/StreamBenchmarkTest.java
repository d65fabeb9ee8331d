package io.lisastream.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stream benchmark's own bookkeeping: latency quantiles, and timestamps read from recommendations. */
class StreamBenchmarkTest {
    @Test
    void latencyQuantilesAreNearestRankOverWholeMilliseconds() {
        RunStats stats = RunStats.open("quantiles");
        try {
            stats.startLatency();
            for (int ms = 1; ms <= 100; ms++) {
                stats.recommendation(1000, 1000 + ms);
            }
            assertThat(stats.latencyQuantile(0.5)).isEqualTo(50);
            assertThat(stats.latencyQuantile(0.99)).isEqualTo(99);
            assertThat(stats.recommendations.get()).isEqualTo(100);
        } finally {
            RunStats.close("quantiles");
        }
    }

    @Test
    void recommendationTimestampIsReadFromTheWireJson() {
        byte[] json = "{\"userId\":\"u1\",\"timestamp\":1732570000123,\"modelVersion\":\"v\",\"historyLength\":3,\"items\":[]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(KafkaRun.timestampOf(json)).isEqualTo(1732570000123L);
    }
}

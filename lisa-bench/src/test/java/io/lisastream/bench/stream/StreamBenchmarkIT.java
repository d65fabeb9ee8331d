package io.lisastream.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lisastream.bench.report.Json;
import io.lisastream.model.Variant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream benchmark end to end on tiny sizes (one variant, the operator path, one short run whose
 * own latencies are kept): it bootstraps a savepoint, restores the job from it on a MiniCluster,
 * serves and writes the documented JSON. No timing claims. An integration test (mvn verify): two
 * MiniClusters take longer than the unit tests' budget.
 */
class StreamBenchmarkIT {
    @TempDir
    Path work;

    @Test
    void servesBootstrappedUsersAndWritesTheDocumentedFields() throws Exception {
        JobSettings s = new JobSettings(1, 128, 128, Duration.ofMillis(5), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1), 0.5, 0.25, false, 20, 50, 1, work);
        List<StreamResult> results = new StreamBenchmark(s, 100).run(new int[] {7}, List.of(Variant.LISA_BASE), true,
                false);
        JsonNode r = Json.mapper().readTree(Json.toJson(results)).get("results").get(0);
        assertThat(r.get("variant").asText()).isEqualTo("lisa-base");
        assertThat(r.get("history").asInt()).isEqualTo(7);
        assertThat(r.get("path").asText()).isEqualTo("operator");
        for (String f : new String[] {"eventsPerSec", "p50Ms", "p99Ms", "stateBytesPerUser"}) {
            assertThat(r.get(f).isNumber()).as(f).isTrue();
            assertThat(r.get(f).asDouble()).as(f).isGreaterThanOrEqualTo(0);
        }
        assertThat(r.get("eventsPerSec").asDouble()).isPositive();
        assertThat(r.get("deadLetters").asLong()).isZero();
        // the savepoint holds 20 users' states, each at least its serialized value
        assertThat(r.get("stateBytesPerUser").asLong()).isGreaterThanOrEqualTo(r.get("stateValueBytes").asLong());
    }

}

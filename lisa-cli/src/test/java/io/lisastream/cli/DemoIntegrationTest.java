package io.lisastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lisastream.cli.demo.DemoData;
import io.lisastream.cli.demo.DemoSettings;
import io.lisastream.cli.replay.ClickPlan;
import io.lisastream.cli.replay.EventTime;
import io.lisastream.cli.replay.PlanSource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lisa demo --quick} in this JVM, fed a .jsonl of the held-out users' synthetic clicks with
 * malformed records mixed in: the summary must count every malformed record as a dead letter, have
 * recommendations, and LISA must beat popularity online.
 */
class DemoIntegrationTest {
    /** Every kind is refused by the pipeline's parser (wire.md); one is inserted every {@link #EVERY} clicks. */
    private static final List<String> MALFORMED = List.of(
            "not json at all",
            "",
            "{\"userId\":\"1\",\"itemId\":\"2\"}",
            "{\"userId\":\"\",\"itemId\":\"2\",\"timestamp\":1}",
            "{\"userId\":\"1\",\"itemId\":\"2\",\"timestamp\":-5}",
            "{\"userId\":\"1\",\"itemId\":\"2\",\"timestamp\":1} trailing",
            "{\"userId\":\"1\",\"userId\":\"3\",\"itemId\":\"2\",\"timestamp\":1}",
            "{\"userId\":\"1\",\"itemId\":\"2\",\"timestamp\":1.5}",
            "{\"userId\":\"1\",\"itemId\":\"2\",\"timestamp\":99999999999999}",
            "[\"userId\",\"1\"]",
            "{\"userId\":\"1\",\"itemId\":\"2\",\"timestamp\":1");
    private static final int EVERY = 150;

    @TempDir
    Path dir;

    @Test
    void quickDemoCountsDeadLettersAndBeatsPopularity() throws Exception {
        DemoSettings quick = DemoSettings.defaults(true);
        DemoData data = DemoData.synthetic(quick.users(), quick.items(), quick.meanLength(), quick.seed(),
                quick.holdoutFor(quick.users()));
        PlanSource clicks = new PlanSource(ClickPlan.of(data.all(), data.heldOut()), EventTime.DATA);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        long lines = 0;
        long malformed = 0;
        while (clicks.hasNext()) {
            if (lines % EVERY == EVERY - 1) {
                file.writeBytes((MALFORMED.get((int) (malformed++ % MALFORMED.size())) + "\n").getBytes());
                lines++;
            }
            file.writeBytes(clicks.next(0L).value());
            file.write('\n');
            lines++;
        }
        assertThat(malformed).isGreaterThanOrEqualTo(MALFORMED.size());
        Path events = dir.resolve("events.jsonl");
        Files.write(events, file.toByteArray());
        Path summaryFile = dir.resolve("summary.json");
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        CliRun run = CliRun.of("demo", "--quick", "--events", events.toString(), "--summary-json",
                summaryFile.toString(), "--web-port", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("LISA demo summary").contains("online HR@10, lisa-base");
        System.out.println("lisa demo --quick --events (" + lines + " records, " + malformed + " malformed):\n"
                + run.out() + Files.readString(summaryFile));
        JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        assertThat(summary.get("events").asLong()).isEqualTo(lines);
        assertThat(summary.get("deadLetters").asLong()).isEqualTo(malformed);
        assertThat(summary.get("recommendations").asLong()).isPositive().isLessThanOrEqualTo(lines - malformed);
        assertThat(summary.get("onlineHr10").asDouble()).isGreaterThan(summary.get("popularityHr10").asDouble());
        assertThat(summary.get("p50LatencyMs").asDouble()).isPositive()
                .isLessThanOrEqualTo(summary.get("p99LatencyMs").asDouble());
        assertThat(summary.get("modelVersion").asText()).startsWith("lisa-base-");

        // everything the demo started has stopped: no new non-daemon thread is left running. Some
        // stop on their own shortly after their owner closed (Netty's GlobalEventExecutor ends its
        // thread after a quiet second), so allow a few seconds before calling one left behind.
        Set<String> left = Set.of();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        do {
            Thread.sleep(250);
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                    .map(Thread::getName).collect(Collectors.toSet());
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertThat(left).as("threads left running").isEmpty();
    }
}

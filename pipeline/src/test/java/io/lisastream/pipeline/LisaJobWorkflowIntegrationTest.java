package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.Variant;
import io.lisastream.operator.Recommendation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job graph of {@link LisaJob#defineWorkflow} on a Flink MiniCluster (RocksDB, checkpoints,
 * parallelism 2) with bounded sources and collecting sinks: valid clicks give recommendations equal to
 * the model core's, malformed records and announcements become dead letters with reasons and
 * coordinates, nothing is lost, the metrics count it.
 */
class LisaJobWorkflowIntegrationTest {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();
    private static final int PARALLELISM = 2;
    private static final int MAX_PARALLELISM = 128;
    private static final int TOP_K = 5;
    private static final int EXCLUDE_LAST = 3;
    private static final long T0 = 978_300_760_000L;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .build());

    @TempDir
    Path tmp;

    private JobConfig config() {
        return JobConfig.builder()
                .bootstrapServers("not-used:9092")
                .checkpointDir(tmp.resolve("checkpoints"))
                .allowedModelRoot(tmp.resolve("models"))
                .parallelism(PARALLELISM)
                .maxParallelism(MAX_PARALLELISM)
                .checkpointInterval(Duration.ofMillis(200))
                .restartAttempts(0)
                .topK(TOP_K)
                .ringSize(64)
                .excludeLast(EXCLUDE_LAST)
                .build();
    }

    /** One user id per parallel instance of the keyed operator. */
    static List<String> probeUsers(int parallelism) {
        Map<Integer, String> bySubtask = new TreeMap<>();
        for (int i = 0; bySubtask.size() < parallelism; i++) {
            String user = "probe-" + i;
            bySubtask.putIfAbsent(KeyGroupRangeAssignment.assignKeyToParallelOperator(user, MAX_PARALLELISM, parallelism), user);
        }
        return List.copyOf(bySubtask.values());
    }

    static String click(String user, String item, long ts) {
        return "{\"userId\": \"" + user + "\", \"itemId\": \"" + item + "\", \"timestamp\": " + ts + "}";
    }

    /** Malformed click records and a word that must appear in the reason of each. */
    static final Map<String, String> MALFORMED = new LinkedHashMap<>();

    static {
        MALFORMED.put("not json at all", "JSON");
        MALFORMED.put("{\"userId\": \"u\", \"itemId\": \"i\"", "JSON");
        MALFORMED.put("{}", "userId");
        MALFORMED.put("[1, 2, 3]", "object");
        MALFORMED.put("{\"userId\": null, \"itemId\": \"i\", \"timestamp\": 1}", "userId");
        MALFORMED.put("{\"userId\": \"\", \"itemId\": \"i\", \"timestamp\": 1}", "userId");
        MALFORMED.put("{\"userId\": 1.5, \"itemId\": \"i\", \"timestamp\": 1}", "userId");
        MALFORMED.put("{\"userId\": \"u\", \"itemId\": \"i\", \"timestamp\": \"yesterday\"}", "timestamp");
        MALFORMED.put("{\"userId\": \"u\", \"itemId\": \"i\", \"timestamp\": -5}", "timestamp");
        MALFORMED.put("{\"userId\": \"u\", \"itemId\": \"i\", \"timestamp\": 99999999999999999999}", "timestamp");
        MALFORMED.put("{\"userId\": \"u\", \"userId\": \"v\", \"itemId\": \"i\", \"timestamp\": 1}", "userId");
        MALFORMED.put("{\"userId\": \"u\", \"itemId\": \"i\", \"timestamp\": 1} {}", "trailing");
        MALFORMED.put("{'userId': 'u', 'itemId': 'i', 'timestamp': 1}", "JSON");
        MALFORMED.put("{\"userId\": \"" + "x".repeat(257) + "\", \"itemId\": \"i\", \"timestamp\": 1}", "userId");
        MALFORMED.put("{\"userId\": \"u\", \"itemId\": \"i\", \"timestamp\": 1, }", "JSON");
    }

    @Test
    void clicksBecomeRecommendationsEqualToTheModelCoreAndBadRecordsBecomeDeadLetters() throws Exception {
        JobConfig config = config();
        ModelFixture v1 = ModelFixture.write(tmp.resolve("models"), "v1", Variant.LISA_BASE, 60, 11);
        ModelFixture outside = ModelFixture.write(tmp.resolve("elsewhere"), "evil", Variant.LISA_BASE, 60, 12);

        // the records under test: 6 users x 20 clicks, interleaved, with 15 malformed records among them
        List<String> users = List.of("alice", "bob", "7", "dora", "eve", "u-6");
        Map<String, List<String>> history = new LinkedHashMap<>();
        List<byte[]> records = new ArrayList<>();
        Map<Long, String> malformedAt = new LinkedHashMap<>();
        List<String> malformed = new ArrayList<>(MALFORMED.keySet());
        List<String> probes = probeUsers(PARALLELISM);
        int probeCount = 300;
        for (int step = 0; step < 20; step++) {
            for (int u = 0; u < users.size(); u++) {
                String item = "item-" + ((step * 7 + u * 13 + step * u) % 60);
                history.computeIfAbsent(users.get(u), k -> new ArrayList<>()).add(item);
                records.add(click(users.get(u), item, T0 + records.size() * 1000L).getBytes(UTF_8));
                if ((step * users.size() + u) % 8 == 5 && !malformed.isEmpty()) {
                    String bad = malformed.remove(0);
                    malformedAt.put((long) (probeCount + records.size()), bad);
                    records.add(bad.getBytes(UTF_8));
                }
            }
        }
        assertThat(malformed).as("every malformed kind placed").isEmpty();
        byte[][] probeRecords = probes.stream().map(p -> click(p, "item-1", T0).getBytes(UTF_8)).toArray(byte[][]::new);
        GatedRecords clicks = new GatedRecords("workflow-" + tmp.getFileName(), "clicks", probeRecords, probeCount,
                records.toArray(byte[][]::new));

        byte[][] modelRecords = {v1.announcementJson(), "v2 is ready".getBytes(UTF_8), outside.announcementJson()};

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        DataStream<RawRecord> clickStream = env.fromSource(new DataGeneratorSource<>(clicks, clicks.count(),
                        TypeInformation.of(RawRecord.class)), WatermarkStrategy.noWatermarks(), "test clicks")
                .setParallelism(1).uid("test-clicks");
        DataStream<RawRecord> modelStream = env.fromSource(new DataGeneratorSource<>(
                        i -> new RawRecord(modelRecords[i.intValue()], "models", 0, i), modelRecords.length,
                        TypeInformation.of(RawRecord.class)), WatermarkStrategy.noWatermarks(), "test models")
                .setParallelism(1).uid("test-models");
        CollectingSink<Recommendation> recommendations = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        LisaJob.defineWorkflow(clickStream, modelStream, recommendations, deadLetters, config);

        JobClient job = env.executeAsync("workflow test");
        JobID jobId = job.getJobID();
        // wait until every operator instance serves v1, then let the records under test through
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!recommendations.values().stream().filter(r -> probes.contains(r.userId) && r.modelVersion.equals("v1"))
                .map(r -> r.userId).collect(Collectors.toSet()).containsAll(probes)) {
            assertThat(System.nanoTime()).as("probes answered by v1 in time").isLessThan(deadline);
            Thread.sleep(20);
        }
        GatedRecords.open("workflow-" + tmp.getFileName());
        job.getJobExecutionResult().get();

        // every valid click gave exactly one recommendation, in the user's order, equal to the model core's
        List<Recommendation> recs = recommendations.values().stream().filter(r -> !probes.contains(r.userId)).toList();
        assertThat(recs).hasSize(users.size() * 20);
        for (String user : users) {
            List<Recommendation> mine = recs.stream().filter(r -> r.userId.equals(user)).toList();
            assertThat(mine).extracting(r -> r.historyLength).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
            for (Recommendation r : mine) {
                assertThat(r.modelVersion).isEqualTo("v1");
                ModelCoreParity.assertMatches(r, history.get(user), Map.of("v1", v1.model()), TOP_K, EXCLUDE_LAST);
            }
        }

        // every malformed click and the bad announcement are dead letters with reason and coordinates
        List<DeadLetter> dead = deadLetters.values();
        assertThat(dead).hasSize(MALFORMED.size() + 1);
        for (Map.Entry<Long, String> m : malformedAt.entrySet()) {
            assertThat(dead).filteredOn(d -> d.topic.equals("clicks") && d.offset == m.getKey()).singleElement().satisfies(d -> {
                assertThat(d.raw).isEqualTo(m.getValue());
                assertThat(d.partition).isZero();
                assertThat(d.error).containsIgnoringCase(MALFORMED.get(m.getValue()));
            });
        }
        assertThat(dead).filteredOn(d -> d.topic.equals("models")).singleElement().satisfies(d -> {
            assertThat(d.offset).isEqualTo(1L);
            assertThat(d.raw).isEqualTo("v2 is ready");
            assertThat(d.error).startsWith("invalid model announcement");
        });

        assertThat(counter(jobId, "clicksRejected")).isEqualTo(MALFORMED.size());
        assertThat(counter(jobId, "clicksAccepted")).isEqualTo(probeCount + users.size() * 20);
        assertThat(counter(jobId, "modelAnnouncementsRejected")).isEqualTo(1);
        assertThat(counter(jobId, "modelAnnouncementsAccepted")).isEqualTo(2);
    }

    @Test
    void everyOperatorOfTheKafkaJobHasAUidAndAName() {
        StreamExecutionEnvironment env = LisaJob.kafkaJob(config());
        StreamGraph graph = env.getStreamGraph();
        assertThat(graph.getStreamNodes()).isNotEmpty();
        for (StreamNode node : graph.getStreamNodes()) {
            assertThat(node.getTransformationUID()).as("uid of %s", node.getOperatorName()).isNotBlank();
            assertThat(node.getOperatorName()).isNotBlank();
        }
        assertThat(graph.getStreamNodes()).extracting(StreamNode::getTransformationUID).contains(Uids.CLICK_SOURCE,
                Uids.PARSE_CLICKS, Uids.CLICK_WATERMARKS, Uids.MODEL_SOURCE, Uids.PARSE_MODEL_ANNOUNCEMENTS,
                Uids.MODEL_WATERMARKS, Uids.LISA_OPERATOR);
        assertThat(graph.getStreamNodes()).extracting(StreamNode::getTransformationUID)
                .anyMatch(uid -> uid.startsWith(Uids.RECOMMENDATION_SINK))
                .anyMatch(uid -> uid.startsWith(Uids.DEAD_LETTER_SINK));
    }

    private static long counter(JobID job, String name) {
        return REPORTER.findMetrics(job, name).values().stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}

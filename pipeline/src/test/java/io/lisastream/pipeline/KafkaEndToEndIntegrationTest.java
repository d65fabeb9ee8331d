package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.kafka.EmbeddedKafka;
import io.lisastream.model.Variant;
import io.lisastream.operator.Recommendation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka job end to end, as a user runs it: a real broker (KRaft, in this JVM), the job built by
 * {@link LisaJob#kafkaJob} on a MiniCluster (parallelism 2, RocksDB, exactly-once sinks). Clicks and
 * model announcements go in through topics; recommendations and dead letters are read back with
 * read_committed. Checks: scores equal the model core's for the same histories, exactly one
 * recommendation per valid click, malformed records in the DLQ with reasons and coordinates, a
 * second model announced mid-stream takes over for later clicks, a bad announcement changes
 * nothing, and the Kafka client secrets never reach a log line.
 */
class KafkaEndToEndIntegrationTest {
    private static final int PARALLELISM = 2;
    private static final int TOP_K = 5;
    private static final int EXCLUDE_LAST = 3;
    private static final int CLICKS_PER_PHASE = 8;
    private static final long T0 = 978_300_760_000L;
    private static final String SECRET = "kafka-secret-93b1d07e";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .build());

    private static EmbeddedKafka kafka;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(2, "clicks", "recommendations");
        kafka.createTopics(1, "models", "dead-letters");
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key == null ? null : key.getBytes(UTF_8), value);
    }

    private static String click(String user, String item, long ts) {
        return "{\"userId\": \"" + user + "\", \"itemId\": \"" + item + "\", \"timestamp\": " + ts + "}";
    }

    @Test
    void clicksInRecommendationsOutExactlyOnceWithModelSwapAndDeadLetters() throws Exception {
        ModelFixture v1 = ModelFixture.write(tmp.resolve("models"), "v1", Variant.LISA_BASE, 50, 21);
        ModelFixture v2 = ModelFixture.write(tmp.resolve("models"), "v2", Variant.LISA_BASE, 50, 22);
        Map<String, io.lisastream.model.inference.InferenceModel> models = Map.of("v1", v1.model(), "v2", v2.model());
        Path kafkaProperties = Files.writeString(tmp.resolve("client.properties"), String.join("\n",
                "security.protocol=PLAINTEXT",
                "ssl.truststore.password=" + SECRET,
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"lisa\" password=\"" + SECRET + "\";",
                "lisa.custom.token=" + SECRET));
        JobConfig config = JobConfigParser.parse(
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--kafka-properties", kafkaProperties.toString(),
                "--group-id", "e2e", "--transactional-id-prefix", "e2e-" + System.nanoTime(),
                "--checkpoint-dir", tmp.resolve("checkpoints").toString(),
                "--allowed-model-roots", tmp.resolve("models").toString(),
                "--parallelism", Integer.toString(PARALLELISM), "--checkpoint-interval", "300ms",
                "--top-k", Integer.toString(TOP_K), "--exclude-last", Integer.toString(EXCLUDE_LAST), "--ring-size", "64",
                "--restart-attempts", "0");

        List<String> users = List.of("ann", "ben", "42", "cat", "dan");
        List<String> probes = LisaJobWorkflowIntegrationTest.probeUsers(PARALLELISM);
        Map<String, List<String>> history = new LinkedHashMap<>();
        Map<RecordMetadata, byte[]> malformedSent = new LinkedHashMap<>();

        try (LogCapture logs = LogCapture.begin();
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                        new ByteArraySerializer(), new ByteArraySerializer());
                CommittedReader<Recommendation> recommendations = new CommittedReader<>(kafka.bootstrapServers(),
                        "recommendations", WireJson::parseRecommendation);
                CommittedReader<DeadLetter> deadLetters = new CommittedReader<>(kafka.bootstrapServers(), "dead-letters",
                        WireJson::parseDeadLetter)) {
            producer.send(record("models", null, v1.announcementJson())).get();

            long t0 = System.nanoTime();
            JobClient job = LisaJob.kafkaJob(config).executeAsync(LisaJob.JOB_NAME);
            try {
                probeUntilServing(producer, recommendations, probes, "v1");
                long firstServed = System.nanoTime();

                // phase 1: clicks under v1, malformed records among them
                List<byte[]> malformed = java.util.Arrays.asList("not json".getBytes(UTF_8), "{}".getBytes(UTF_8),
                        "{\"userId\": \"ann\", \"itemId\": \"item-1\", \"timestamp\": -1}".getBytes(UTF_8),
                        new byte[] {'{', '"', 'u', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                        new byte[0], null);
                sendPhase(producer, users, history, 0, malformed, malformedSent);
                List<Recommendation> afterPhase1 = recommendations.awaitUntil(
                        rs -> real(rs, probes).size() >= users.size() * CLICKS_PER_PHASE, WAIT, "phase 1 recommendations");
                assertThat(real(afterPhase1, probes)).allSatisfy(r -> assertThat(r.modelVersion).isEqualTo("v1"));

                // a broken announcement, then v2: v1 keeps serving until v2 is loaded, then v2 takes over
                producer.send(record("models", null, "{\"version\": \"v1.5\", \"uri\": ".getBytes(UTF_8))).get();
                producer.send(record("models", null, v2.announcementJson())).get();
                probeUntilServing(producer, recommendations, probes, "v2");

                // phase 2: later clicks of the same users, scored by v2 over their whole history
                sendPhase(producer, users, history, CLICKS_PER_PHASE, List.of(), malformedSent);
                recommendations.awaitUntil(rs -> real(rs, probes).size() >= 2 * users.size() * CLICKS_PER_PHASE, WAIT,
                        "phase 2 recommendations");
                List<DeadLetter> dead = deadLetters.awaitUntil(d -> d.size() >= malformed.size() + 1, WAIT, "dead letters");
                long done = System.nanoTime();

                // two more checkpoints: nothing more may arrive (no duplicates)
                Thread.sleep(1000);
                List<Recommendation> all = real(recommendations.poll(), probes);
                dead = deadLetters.poll();

                assertThat(all).hasSize(2 * users.size() * CLICKS_PER_PHASE);
                for (String user : users) {
                    List<Recommendation> mine = all.stream().filter(r -> r.userId.equals(user)).toList();
                    assertThat(mine).extracting(r -> r.historyLength)
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * CLICKS_PER_PHASE).boxed().toList());
                    for (Recommendation r : mine) {
                        assertThat(r.modelVersion).as("model of %s", r).isEqualTo(r.historyLength <= CLICKS_PER_PHASE ? "v1" : "v2");
                        assertThat(r.timestamp).isEqualTo(T0 + r.historyLength * 1000);
                        ModelCoreParity.assertMatches(r, history.get(user), models, TOP_K, EXCLUDE_LAST);
                    }
                }

                assertThat(dead).hasSize(malformed.size() + 1);
                for (Map.Entry<RecordMetadata, byte[]> m : malformedSent.entrySet()) {
                    RecordMetadata at = m.getKey();
                    assertThat(dead).filteredOn(d -> d.topic.equals("clicks") && d.partition == at.partition() && d.offset == at.offset())
                            .as("dead letter of clicks-%d@%d", at.partition(), at.offset())
                            .singleElement().satisfies(d -> {
                                assertThat(d.error).isNotBlank();
                                byte[] value = m.getValue();
                                assertThat(d.rawSize).isEqualTo(value == null ? 0 : value.length);
                                if (value != null && d.rawBase64 != null) {
                                    assertThat(Base64.getDecoder().decode(d.rawBase64)).isEqualTo(value);
                                } else if (value != null) {
                                    assertThat(d.raw).isEqualTo(new String(value, UTF_8));
                                }
                            });
                }
                assertThat(dead).filteredOn(d -> d.topic.equals("models")).singleElement().satisfies(d -> {
                    assertThat(d.offset).isEqualTo(1L);
                    assertThat(d.error).startsWith("invalid model announcement");
                });

                System.err.printf("e2e: job start to first recommendation %d ms; %d clicks + %d malformed + 2 swaps in %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(firstServed - t0), 2 * users.size() * CLICKS_PER_PHASE, malformed.size(),
                        TimeUnit.NANOSECONDS.toMillis(done - firstServed));
            } finally {
                job.cancel().get();
            }

            List<String> lines = logs.lines();
            assertThat(lines).as("the capture sees the Kafka clients' configuration logs")
                    .anyMatch(l -> l.contains("ProducerConfig values") || l.contains("ConsumerConfig values"));
            assertThat(lines).as("the job's configuration is logged").anyMatch(l -> l.contains("Building lisa-pipeline with JobConfig"));
            assertThat(lines).noneMatch(l -> l.contains(SECRET));
        }
    }

    /** Sends one probe click per operator instance every 200 ms until each has answered with {@code version}. */
    private static void probeUntilServing(KafkaProducer<byte[], byte[]> producer, CommittedReader<Recommendation> reader,
            List<String> probes, String version) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Set<String> answered = reader.poll().stream().filter(r -> probes.contains(r.userId) && r.modelVersion.equals(version))
                    .map(r -> r.userId).collect(Collectors.toSet());
            if (answered.containsAll(probes)) {
                return;
            }
            assertThat(System.nanoTime()).as("every operator instance serves %s", version).isLessThan(deadline);
            for (String p : probes) {
                producer.send(record("clicks", p, click(p, "item-1", T0).getBytes(UTF_8)));
            }
            producer.flush();
            Thread.sleep(200);
        }
    }

    /** CLICKS_PER_PHASE clicks per user (interleaved, event time T0 + n seconds for a user's n-th click), malformed records among them. */
    private static void sendPhase(KafkaProducer<byte[], byte[]> producer, List<String> users, Map<String, List<String>> history,
            int first, List<byte[]> malformed, Map<RecordMetadata, byte[]> malformedSent) throws Exception {
        List<byte[]> bad = new ArrayList<>(malformed);
        for (int step = first; step < first + CLICKS_PER_PHASE; step++) {
            for (int u = 0; u < users.size(); u++) {
                String user = users.get(u);
                String item = "item-" + ((step * 11 + u * 17 + step * u) % 50);
                history.computeIfAbsent(user, k -> new ArrayList<>()).add(item);
                producer.send(record("clicks", user, click(user, item, T0 + (step + 1) * 1000L).getBytes(UTF_8)));
                if (!bad.isEmpty() && (step + u) % 3 == 0) {
                    byte[] value = bad.remove(0);
                    malformedSent.put(producer.send(record("clicks", "junk-" + u, value)).get(), value);
                }
            }
        }
        producer.flush();
        assertThat(bad).as("all malformed records sent").isEmpty();
    }

    private static List<Recommendation> real(List<Recommendation> rs, List<String> probes) {
        return rs.stream().filter(r -> !probes.contains(r.userId)).toList();
    }
}

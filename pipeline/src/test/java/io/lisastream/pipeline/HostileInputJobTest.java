package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.kafka.EmbeddedKafka;
import io.lisastream.model.Variant;
import io.lisastream.operator.Recommendation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
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
 * Issue 7, item 3: hostile input at the job level. The Kafka job ({@link LisaJob#kafkaJob}: real
 * broker, MiniCluster, RocksDB, exactly-once sinks, no restarts allowed) reads 44 kinds of malformed
 * click records interleaved with valid ones, edge cases of validity among them. Checks, read with
 * read_committed: every malformed record is in the DLQ exactly once with a reason naming the problem
 * and its exact coordinates and bytes; every valid click gave exactly one recommendation (counts
 * exact, per-user order intact); the parser's counters agree; the job never failed; a record far
 * over the 64 KiB limit costs a dead letter of at most 64 KiB.
 */
class HostileInputJobTest {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();
    private static final int PARALLELISM = 2;
    private static final int NUM_ITEMS = 40;
    private static final long T0 = 978_300_760_000L;
    private static final long HOUR = 3_600_000L;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
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

    private static String click(String user, String item, String timestamp) {
        return "{\"userId\": " + user + ", \"itemId\": " + item + ", \"timestamp\": " + timestamp + "}";
    }

    private static byte[] withRawBytesInUserId(int... bytes) {
        byte[] head = "{\"userId\": \"u".getBytes(UTF_8);
        byte[] tail = "\", \"itemId\": \"item-1\", \"timestamp\": 1}".getBytes(UTF_8);
        byte[] out = new byte[head.length + bytes.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        for (int i = 0; i < bytes.length; i++) {
            out[head.length + i] = (byte) bytes[i];
        }
        System.arraycopy(tail, 0, out, head.length + bytes.length, tail.length);
        return out;
    }

    /** Malformed record kinds: name -> value and a phrase the dead letter's reason must contain. */
    private static Map<String, Object[]> malformed(long now) {
        String ok = click("\"u\"", "\"item-1\"", "1");
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("tombstone (no value)", new Object[] {null, "no value"});
        m.put("empty value", new Object[] {new byte[0], "empty"});
        m.put("not JSON", new Object[] {"user 42 clicked item 7".getBytes(UTF_8), "not valid JSON"});
        m.put("truncated", new Object[] {ok.substring(0, ok.length() - 3).getBytes(UTF_8), "ends too early"});
        m.put("empty object", new Object[] {"{}".getBytes(UTF_8), "userId is missing"});
        m.put("array, not an object", new Object[] {("[" + ok + "]").getBytes(UTF_8), "found an array"});
        m.put("number, not an object", new Object[] {"42".getBytes(UTF_8), "found a number"});
        m.put("boolean userId", new Object[] {click("true", "\"item-1\"", "1").getBytes(UTF_8), "userId is a boolean"});
        m.put("object itemId", new Object[] {click("\"u\"", "{\"id\": 1}", "1").getBytes(UTF_8), "itemId is an object"});
        m.put("string timestamp", new Object[] {click("\"u\"", "\"item-1\"", "\"yesterday\"").getBytes(UTF_8), "timestamp"});
        m.put("null userId", new Object[] {click("null", "\"item-1\"", "1").getBytes(UTF_8), "userId is null"});
        m.put("missing itemId", new Object[] {"{\"userId\": \"u\", \"timestamp\": 1}".getBytes(UTF_8), "itemId is missing"});
        m.put("empty itemId", new Object[] {click("\"u\"", "\"\"", "1").getBytes(UTF_8), "itemId is an empty string"});
        m.put("fractional id", new Object[] {click("1.5", "\"item-1\"", "1").getBytes(UTF_8), "fraction or exponent"});
        m.put("exponent id", new Object[] {click("\"u\"", "1e3", "1").getBytes(UTF_8), "fraction or exponent"});
        m.put("id beyond 64 bits", new Object[] {click("9223372036854775808", "\"item-1\"", "1").getBytes(UTF_8), "64-bit"});
        m.put("userId of 257 characters", new Object[] {click("\"" + "u".repeat(257) + "\"", "\"item-1\"", "1").getBytes(UTF_8), "256"});
        m.put("control character in userId", new Object[] {click("\"u\\u0007\"", "\"item-1\"", "1").getBytes(UTF_8), "control character"});
        m.put("NUL in itemId", new Object[] {click("\"u\"", "\"item\\u0000\"", "1").getBytes(UTF_8), "control character"});
        m.put("invalid UTF-8 byte", new Object[] {withRawBytesInUserId(0xFF), "not valid UTF-8"});
        m.put("overlong UTF-8", new Object[] {withRawBytesInUserId(0xC0, 0xAF), "not valid UTF-8"});
        m.put("Latin-1 text", new Object[] {click("\"caf\u00e9\"", "\"item-1\"", "1").getBytes(ISO_8859_1), "not valid UTF-8"});
        m.put("UTF-16", new Object[] {ok.getBytes(UTF_16LE), "not valid JSON"});
        m.put("fractional timestamp", new Object[] {click("\"u\"", "\"item-1\"", "978300760000.5").getBytes(UTF_8), "timestamp"});
        m.put("negative timestamp", new Object[] {click("\"u\"", "\"item-1\"", "-1").getBytes(UTF_8), "negative"});
        m.put("overflowing timestamp", new Object[] {click("\"u\"", "\"item-1\"", "9223372036854775808").getBytes(UTF_8), "64-bit"});
        m.put("timestamp 25 h ahead", new Object[] {click("\"u\"", "\"item-1\"", Long.toString(now + 25 * HOUR)).getBytes(UTF_8), "ahead"});
        m.put("timestamp in microseconds", new Object[] {click("\"u\"", "\"item-1\"", Long.toString(now * 1000)).getBytes(UTF_8), "ahead"});
        m.put("duplicate key", new Object[] {"{\"userId\": \"u\", \"itemId\": \"item-1\", \"userId\": \"v\", \"timestamp\": 1}".getBytes(UTF_8), "duplicate"});
        m.put("trailing data", new Object[] {(ok + " {}").getBytes(UTF_8), "trailing data"});
        m.put("two clicks in one record", new Object[] {(ok + "\n" + ok).getBytes(UTF_8), "trailing data"});
        m.put("33 levels of nesting", new Object[] {("{\"userId\": \"u\", \"itemId\": \"item-1\", \"timestamp\": 1, \"x\": "
                + "[".repeat(32) + "]".repeat(32) + "}").getBytes(UTF_8), "nested"});
        m.put("100000 open brackets", new Object[] {("{\"deep\": " + "[".repeat(100_000)).getBytes(UTF_8), "more than the limit"});
        m.put("50000 levels inside the limit", new Object[] {("{\"deep\": " + "[".repeat(50_000)).getBytes(UTF_8), "nested"});
        m.put("single quotes", new Object[] {"{'userId': 'u', 'itemId': 'item-1', 'timestamp': 1}".getBytes(UTF_8), "not valid JSON"});
        m.put("NaN", new Object[] {click("\"u\"", "\"item-1\"", "NaN").getBytes(UTF_8), "not valid JSON"});
        m.put("Infinity", new Object[] {click("\"u\"", "\"item-1\"", "Infinity").getBytes(UTF_8), "not valid JSON"});
        m.put("hex number", new Object[] {click("0x2A", "\"item-1\"", "1").getBytes(UTF_8), "not valid JSON"});
        m.put("trailing comma", new Object[] {"{\"userId\": \"u\", \"itemId\": \"item-1\", \"timestamp\": 1,}".getBytes(UTF_8), "not valid JSON"});
        m.put("comment", new Object[] {"{/* hi */ \"userId\": \"u\", \"itemId\": \"item-1\", \"timestamp\": 1}".getBytes(UTF_8), "not valid JSON"});
        m.put("unquoted keys", new Object[] {"{userId: \"u\", itemId: \"item-1\", timestamp: 1}".getBytes(UTF_8), "not valid JSON"});
        m.put("byte order mark", new Object[] {("\uFEFF" + ok).getBytes(UTF_8), "byte order mark"});
        m.put("900 KB record", new Object[] {("{\"userId\": \"u\", \"itemId\": \"item-1\", \"timestamp\": 1, \"pad\": \""
                + "p".repeat(900_000) + "\"}").getBytes(UTF_8), "more than the limit"});
        m.put("type of the wrong kind", new Object[] {"{\"userId\": \"u\", \"itemId\": \"item-1\", \"timestamp\": 1, \"type\": 5}".getBytes(UTF_8), "type"});
        return m;
    }

    /** Valid records, edge cases included: [key, value] with the user the click counts for. */
    private static List<String[]> valid(long now) {
        List<String[]> v = new ArrayList<>();
        String longId = "L".repeat(256);
        String[][] users = {{"alice", "\"alice\""}, {"42", "42"}, {"caf\u00e9 \uD83D\uDE00", "\"caf\\u00e9 \\ud83d\\ude00\""},
                {longId, "\"" + longId + "\""}, {"-7", "-7"}};
        for (int step = 0; step < 12; step++) {
            for (int u = 0; u < users.length; u++) {
                String item = "\"item-" + ((step * 7 + u * 3) % NUM_ITEMS) + "\"";
                String ts = switch ((step + u) % 4) {
                    case 0 -> "0"; // the epoch: historical replays are valid
                    case 1 -> Long.toString(T0 + step);
                    case 2 -> Long.toString(now + 23 * HOUR); // less than a day ahead
                    default -> Long.toString(now);
                };
                String extra = step % 3 == 0 ? ", \"type\": \"view\", \"ctx\": {\"page\": [1, 2, {\"a\": null}]}" : "";
                v.add(new String[] {users[u][0], "{\"userId\": " + users[u][1] + ", \"itemId\": " + item
                        + ", \"timestamp\": " + ts + extra + "}"});
            }
        }
        return v;
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndEveryValidClickIsServed() throws Exception {
        ModelFixture v1 = ModelFixture.write(tmp.resolve("models"), "v1", Variant.LISA_BASE, NUM_ITEMS, 5);
        JobConfig config = JobConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupId("hostile").transactionalIdPrefix("hostile")
                .checkpointDir(tmp.resolve("checkpoints"))
                .allowedModelRoot(tmp.resolve("models"))
                .parallelism(PARALLELISM)
                .checkpointInterval(Duration.ofMillis(200))
                .restartAttempts(0)
                .topK(5).ringSize(32).excludeLast(2)
                .build();
        long now = System.currentTimeMillis();
        Map<String, Object[]> bad = malformed(now);
        List<String[]> good = valid(now);
        assertThat(bad).hasSizeGreaterThanOrEqualTo(30);

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000), new ByteArraySerializer(), new ByteArraySerializer());
                CommittedReader<Recommendation> recommendations = new CommittedReader<>(kafka.bootstrapServers(),
                        "recommendations", WireJson::parseRecommendation);
                CommittedReader<DeadLetter> deadLetters = new CommittedReader<>(kafka.bootstrapServers(), "dead-letters",
                        WireJson::parseDeadLetter)) {
            producer.send(new ProducerRecord<>("models", v1.announcementJson())).get();
            JobClient job = LisaJob.kafkaJob(config).executeAsync(LisaJob.JOB_NAME);
            try {
                InstrumentedKafkaJob.awaitServing(REPORTER, job.getJobID(), "v1", PARALLELISM);

                // interleave: after every valid click, the next malformed kind (cycling), so both sides are everywhere
                Map<RecordMetadata, Map.Entry<String, Object[]>> sentBad = new LinkedHashMap<>();
                List<Map.Entry<String, Object[]>> kinds = new ArrayList<>(bad.entrySet());
                Map<String, Integer> validPerUser = new LinkedHashMap<>();
                int k = 0;
                for (String[] g : good) {
                    producer.send(new ProducerRecord<>("clicks", g[0].getBytes(UTF_8), g[1].getBytes(UTF_8)));
                    validPerUser.merge(g[0], 1, Integer::sum);
                    if (k < kinds.size()) {
                        Map.Entry<String, Object[]> kind = kinds.get(k++);
                        byte[] value = (byte[]) kind.getValue()[0];
                        sentBad.put(producer.send(new ProducerRecord<>("clicks", ("junk-" + k).getBytes(UTF_8), value)).get(), kind);
                    }
                }
                producer.flush();
                assertThat(k).as("every malformed kind sent").isEqualTo(kinds.size());

                List<Recommendation> recs = recommendations.awaitUntil(r -> r.size() >= good.size(), InstrumentedKafkaJob.WAIT,
                        good.size() + " recommendations");
                List<DeadLetter> dead = deadLetters.awaitUntil(d -> d.size() >= bad.size(), InstrumentedKafkaJob.WAIT,
                        bad.size() + " dead letters");
                Thread.sleep(1000); // a few more checkpoints: nothing else may arrive
                recs = recommendations.poll();
                dead = deadLetters.poll();
                assertThat(job.getJobStatus().get()).as("the job is still running").isEqualTo(JobStatus.RUNNING);

                // every valid click: exactly one recommendation, in the user's order
                assertThat(recs).hasSize(good.size());
                for (Map.Entry<String, Integer> u : validPerUser.entrySet()) {
                    assertThat(recs).filteredOn(r -> r.userId.equals(u.getKey())).extracting(r -> r.historyLength)
                            .as("history lengths of %s", u.getKey())
                            .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, u.getValue()).boxed().toList());
                }

                // every malformed record: exactly one dead letter, reason, coordinates, original bytes (or its first 64 KiB)
                assertThat(dead).hasSize(bad.size());
                for (Map.Entry<RecordMetadata, Map.Entry<String, Object[]>> s : sentBad.entrySet()) {
                    RecordMetadata at = s.getKey();
                    String kind = s.getValue().getKey();
                    byte[] value = (byte[]) s.getValue().getValue()[0];
                    String reason = (String) s.getValue().getValue()[1];
                    assertThat(dead).filteredOn(d -> d.partition == at.partition() && d.offset == at.offset())
                            .as("dead letter of %s (clicks-%d@%d)", kind, at.partition(), at.offset())
                            .singleElement().satisfies(d -> {
                                assertThat(d.topic).isEqualTo("clicks");
                                assertThat(d.error).as("reason for %s", kind).containsIgnoringCase(reason);
                                assertThat(d.rawSize).isEqualTo(value == null ? 0 : value.length);
                                byte[] kept = d.rawBase64 != null ? Base64.getDecoder().decode(d.rawBase64)
                                        : d.raw == null ? null : d.raw.getBytes(UTF_8);
                                if (value == null) {
                                    assertThat(kept).isNull();
                                } else if (d.rawTruncated) {
                                    assertThat(kept.length).isLessThanOrEqualTo(DeadLetter.MAX_KEPT_BYTES);
                                    assertThat(value).startsWith(kept);
                                } else {
                                    assertThat(kept).isEqualTo(value);
                                }
                            });
                }
                assertThat(dead).filteredOn(d -> d.rawSize > DeadLetter.MAX_KEPT_BYTES)
                        .allSatisfy(d -> assertThat(d.rawTruncated).isTrue()).hasSize(2);

                assertThat(InstrumentedKafkaJob.counter(REPORTER, job.getJobID(), "clicksRejected")).isEqualTo(bad.size());
                assertThat(InstrumentedKafkaJob.counter(REPORTER, job.getJobID(), "clicksAccepted")).isEqualTo(good.size());
                System.err.printf("hostile input: %d malformed kinds, %d valid clicks, %d recommendations, %d dead letters%n",
                        bad.size(), good.size(), recs.size(), dead.size());
            } finally {
                InstrumentedKafkaJob.cancel(job);
            }
        }
    }
}

package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lisastream.kafka.EmbeddedKafka;
import io.lisastream.model.Tensor;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.artifact.Npy;
import io.lisastream.operator.ModelAnnouncement;
import io.lisastream.operator.Recommendation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, item 4: model faults at the job level. While clicks stream in without pause, the Kafka
 * job serving v1 is told about broken models one after another: truncated tensor file, wrong shape,
 * NaN parameter, tensor checksum mismatch, manifest digest not the announced one, unknown format,
 * missing tensor file, a URI outside the allowed roots, one escaping a root with "..", an
 * unreachable URI (a scheme with no file system here), a directory that does not exist, a version
 * that is not the manifest's, and an announcement that is not JSON. Each is rejected with a metric
 * and a WARN log line naming the reason, v1 keeps serving, then a good v2 takes over, and every
 * click got exactly one recommendation through all of it, from v1 or v2 and never back.
 */
class ModelFaultsJobTest {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();
    private static final int PARALLELISM = 2;
    private static final int NUM_ITEMS = 40;
    private static final String UNREACHABLE_ROOT = "hdfs://127.0.0.1:1/models";

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

    /** A broken model: its announcement and a phrase the rejection must contain. */
    private record Fault(String kind, byte[] announcement, String version, String reason) {
    }

    @Test
    void brokenModelsAreRejectedAndTheServingModelStaysWithoutLosingAClick() throws Exception {
        Path root = tmp.resolve("models");
        ModelFixture v1 = ModelFixture.write(root, "v1", Variant.LISA_BASE, NUM_ITEMS, 1);
        ModelFixture v2 = ModelFixture.write(root, "v2", Variant.LISA_BASE, NUM_ITEMS, 2);
        List<Fault> operatorFaults = operatorFaults(root);
        Fault notJson = new Fault("announcement that is not JSON", "model v3 is at /models/v3, trust me".getBytes(UTF_8), null,
                "refused, the serving model stays");
        JobConfig config = JobConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupId("faults").transactionalIdPrefix("faults")
                .checkpointDir(tmp.resolve("checkpoints"))
                .allowedModelRoots(List.of(root.toUri().toString(), UNREACHABLE_ROOT))
                .parallelism(PARALLELISM)
                .checkpointInterval(Duration.ofMillis(200))
                .restartAttempts(0)
                .topK(5).ringSize(32).excludeLast(2)
                .build();

        ClickStream clicks = new ClickStream(kafka.bootstrapServers(), List.of("ann", "bo", "cy", "di", "ed", "fa"));
        try (LogCapture logs = LogCapture.begin();
                KafkaProducer<byte[], byte[]> producer = ClickScript.producer(kafka.bootstrapServers());
                CommittedReader<Recommendation> recommendations = new CommittedReader<>(kafka.bootstrapServers(),
                        "recommendations", WireJson::parseRecommendation);
                CommittedReader<DeadLetter> deadLetters = new CommittedReader<>(kafka.bootstrapServers(), "dead-letters",
                        WireJson::parseDeadLetter)) {
            producer.send(new ProducerRecord<>("models", v1.announcementJson())).get();
            JobClient job = LisaJob.kafkaJob(config).executeAsync(LisaJob.JOB_NAME);
            JobID id = job.getJobID();
            try {
                InstrumentedKafkaJob.awaitServing(REPORTER, id, "v1", PARALLELISM);
                clicks.start();

                int rejected = 0;
                for (Fault f : operatorFaults) {
                    producer.send(new ProducerRecord<>("models", f.announcement())).get();
                    rejected += PARALLELISM;
                    awaitCounter(id, "modelLoadsFailed", rejected, f.kind());
                    assertServing(id, "v1", f.kind());
                }
                producer.send(new ProducerRecord<>("models", notJson.announcement())).get();
                awaitCounter(id, "modelAnnouncementsRejected", 1, notJson.kind());
                assertServing(id, "v1", notJson.kind());

                producer.send(new ProducerRecord<>("models", v2.announcementJson())).get();
                InstrumentedKafkaJob.awaitServing(REPORTER, id, "v2", PARALLELISM);
                Thread.sleep(300); // clicks under v2 too
                Map<String, Integer> sent = clicks.stop();
                int total = sent.values().stream().mapToInt(Integer::intValue).sum();

                List<Recommendation> recs = recommendations.awaitUntil(r -> r.size() >= total, InstrumentedKafkaJob.WAIT,
                        total + " recommendations");
                Thread.sleep(600);
                recs = recommendations.poll();
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

                // no click lost or doubled through ~14 announcements; per user v1 ... v1 v2 ... v2
                assertThat(recs).hasSize(total);
                for (Map.Entry<String, Integer> u : sent.entrySet()) {
                    List<Recommendation> mine = recs.stream().filter(r -> r.userId.equals(u.getKey())).toList();
                    assertThat(mine).extracting(r -> r.historyLength)
                            .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, u.getValue()).boxed().toList());
                    String versions = String.join("", mine.stream().map(r -> r.modelVersion.equals("v1") ? "1" : r.modelVersion.equals("v2") ? "2" : "x").toList());
                    assertThat(versions).as("model versions of %s in order", u.getKey()).matches("1+2*");
                }
                assertThat(recs).anyMatch(r -> r.modelVersion.equals("v2"));

                // metrics
                assertThat(InstrumentedKafkaJob.counter(REPORTER, id, "modelLoadsFailed")).isEqualTo((long) PARALLELISM * operatorFaults.size());
                assertThat(InstrumentedKafkaJob.counter(REPORTER, id, "modelLoadsOk")).isEqualTo(2L * PARALLELISM);
                assertThat(InstrumentedKafkaJob.counter(REPORTER, id, "modelAnnouncementsRejected")).isEqualTo(1);

                // log lines: one WARN per instance and fault, naming the model and the reason
                List<String> lines = logs.lines();
                for (Fault f : operatorFaults) {
                    assertThat(lines).filteredOn(l -> l.contains("rejected model announcement") && l.contains("version=" + f.version())
                                    && l.contains("still serving v1"))
                            .as("log lines for %s", f.kind()).hasSize(PARALLELISM)
                            .allSatisfy(l -> assertThat(l).as(f.kind()).containsIgnoringCase(f.reason()));
                }
                assertThat(lines).filteredOn(l -> l.contains(notJson.reason())).hasSize(1);

                // the announcement that is not JSON is also a dead letter of the control topic
                assertThat(deadLetters.poll()).singleElement().satisfies(d -> {
                    assertThat(d.topic).isEqualTo("models");
                    assertThat(d.raw).isEqualTo(new String(notJson.announcement(), UTF_8));
                });
                System.err.printf("model faults: %d rejected kinds + 1 unparsable announcement, %d clicks, %d recommendations%n",
                        operatorFaults.size(), total, recs.size());
            } finally {
                clicks.stop();
                InstrumentedKafkaJob.cancel(job);
            }
        }
    }

    private List<Fault> operatorFaults(Path root) throws IOException {
        List<Fault> faults = new ArrayList<>();
        ModelFixture m = fixture(root, "bad-truncated", 11);
        Path file = m.dir().resolve("w_q.npy");
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) / 2));
        faults.add(fault("truncated tensor file", m, "truncated"));

        m = fixture(root, "bad-shape", 12);
        editManifest(m.dir(), mf -> ((ObjectNode) mf.get("tensors").get("pos")).putArray("shape").add(41).add(16));
        faults.add(fault("wrong shape", m, "shape"));

        m = fixture(root, "bad-nan", 13);
        Tensor gamma = Npy.read(m.dir().resolve("ln1_gamma.npy"));
        float[] g = gamma.floats();
        g[3] = Float.NaN;
        Npy.write(Tensor.f32(g, gamma.shape()), m.dir().resolve("ln1_gamma.npy"));
        String gammaSha = sha256(m.dir().resolve("ln1_gamma.npy"));
        editManifest(m.dir(), mf -> ((ObjectNode) mf.get("tensors").get("ln1_gamma")).put("sha256", gammaSha));
        faults.add(fault("NaN parameter", m, "NaN"));

        m = fixture(root, "bad-checksum", 14);
        file = m.dir().resolve("ffn_b1.npy");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);
        faults.add(fault("tensor checksum mismatch", m, "sha256 mismatch"));

        m = fixture(root, "bad-digest", 15);
        faults.add(new Fault("manifest not the announced one", announce(m.version(), m.dir().toUri().toString(), "ab".repeat(32)),
                m.version(), "was expected"));

        m = fixture(root, "bad-format", 16);
        editManifest(m.dir(), mf -> mf.put("format", "lisa-model/2"));
        faults.add(fault("unknown format", m, "unknown model format"));

        m = fixture(root, "bad-missing", 17);
        Files.delete(m.dir().resolve("ffn_b2.npy"));
        faults.add(fault("missing tensor file", m, "missing file ffn_b2.npy"));

        m = fixture(tmp.resolve("elsewhere"), "bad-outside", 18);
        faults.add(fault("URI outside the allowed roots", m, "not below any allowed model root"));

        faults.add(new Fault("URI escaping a root with ..", announce("bad-dots", root.toUri() + "../elsewhere/bad-outside",
                m.manifestSha256()), "bad-dots", "'..' path segment"));

        faults.add(new Fault("unreachable URI", announce("bad-unreachable", UNREACHABLE_ROOT + "/v9", "cd".repeat(32)),
                "bad-unreachable", "hdfs"));

        faults.add(new Fault("directory that does not exist", announce("bad-vanished", root.resolve("vanished").toUri().toString(),
                "ef".repeat(32)), "bad-vanished", "missing file manifest.json"));

        m = fixture(root, "bad-version", 19);
        faults.add(new Fault("version not the manifest's", announce("v7", m.dir().toUri().toString(), m.manifestSha256()), "v7",
                "says 'bad-version'"));
        return faults;
    }

    private static ModelFixture fixture(Path root, String version, long seed) {
        return ModelFixture.write(root, version, Variant.LISA_BASE, NUM_ITEMS, seed);
    }

    /** The announcement of an artifact as it now is on disk (its manifest's current digest). */
    private static Fault fault(String kind, ModelFixture m, String reason) throws IOException {
        return new Fault(kind, announce(m.version(), m.dir().toUri().toString(), ModelArtifact.manifestSha256(m.dir())),
                m.version(), reason);
    }

    private static byte[] announce(String version, String uri, String sha) {
        return WireJson.modelAnnouncement(new ModelAnnouncement(version, uri, sha));
    }

    private static void editManifest(Path dir, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path manifest = dir.resolve("manifest.json");
        ObjectNode node = (ObjectNode) json.readTree(manifest.toFile());
        edit.accept(node);
        json.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), node);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitCounter(JobID job, String name, long atLeast, String what) throws InterruptedException {
        long deadline = System.nanoTime() + InstrumentedKafkaJob.WAIT.toNanos();
        while (InstrumentedKafkaJob.counter(REPORTER, job, name) < atLeast) {
            assertThat(System.nanoTime()).as("%s counted in %s", what, name).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void assertServing(JobID job, String version, String after) {
        assertThat(REPORTER.findMetrics(job, "currentModelVersion").values())
                .as("serving after %s", after).hasSize(PARALLELISM)
                .allSatisfy(g -> assertThat(((Gauge<?>) g).getValue()).isEqualTo(version));
    }

    /** Clicks of a few users, one every 5 ms, from a background thread until stopped. */
    private static final class ClickStream {
        private final String bootstrap;
        private final List<String> users;
        private final Map<String, Integer> sent = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        ClickStream(String bootstrap, List<String> users) {
            this.bootstrap = bootstrap;
            this.users = users;
        }

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                try (KafkaProducer<byte[], byte[]> p = ClickScript.producer(bootstrap)) {
                    for (int i = 0; running.get(); i++) {
                        String user = users.get(i % users.size());
                        String json = ClickScript.json(user, "item-" + (i * 7 % NUM_ITEMS), ClickScript.T0 + i);
                        p.send(new ProducerRecord<>("clicks", user.getBytes(UTF_8), json.getBytes(UTF_8))).get();
                        sent.merge(user, 1, Integer::sum);
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("click stream failed", e);
                }
            }, "click-stream");
            thread.start();
        }

        /** Stops and returns the clicks sent per user. */
        Map<String, Integer> stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join();
            }
            return new LinkedHashMap<>(sent);
        }
    }
}

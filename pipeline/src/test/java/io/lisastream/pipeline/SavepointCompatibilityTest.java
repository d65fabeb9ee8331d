package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.kafka.EmbeddedKafka;
import io.lisastream.model.Variant;
import io.lisastream.operator.LisaUserState;
import io.lisastream.operator.Recommendation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, item 2 (upgrade): a savepoint written by this version of the job is kept in
 * {@code src/test/resources/savepoints/v0.1.0}, with the clicks and the model announcement that
 * made it. This test restores the production job graph ({@link LisaJob#kafkaJob}) from it on a new
 * broker, the way an upgrade would: the input topics hold the same records (so the restored offsets
 * point just past them), the model is announced again at its new location, and new clicks follow.
 * The restored users must continue exactly: history lengths go on from the saved ones, no histogram
 * is rebuilt (the saved ones are used as they are), and every score equals the model core's on
 * the user's whole history. A change to the state's layout, serializers, uids or key grouping that
 * breaks restoring fails here.
 *
 * <p>Regenerate the fixture only on purpose (a deliberate, documented state break):
 * {@code mvn -pl pipeline -am test -Dtest=SavepointCompatibilityTest -Dlisa.write-savepoint-fixture=true}.
 */
class SavepointCompatibilityTest {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();
    private static final Path FIXTURE = Paths.get("src/test/resources/savepoints/v0.1.0");
    private static final int PARALLELISM = 2;
    private static final int NUM_ITEMS = 40;
    private static final long MODEL_SEED = 20_251_125L;
    private static final int TOP_K = 5;
    private static final int EXCLUDE_LAST = 2;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .build());

    @TempDir
    Path tmp;

    private EmbeddedKafka kafka;

    @BeforeEach
    void startKafka() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(2, "clicks", "recommendations");
        kafka.createTopics(1, "models", "dead-letters");
    }

    @AfterEach
    void stopKafka() {
        kafka.close();
    }

    private JobConfig config(String fromSavepoint) {
        return JobConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupId("fixture").transactionalIdPrefix("fixture-" + System.nanoTime())
                .checkpointDir(tmp.resolve("checkpoints"))
                .allowedModelRoot(tmp.resolve("models"))
                .parallelism(PARALLELISM)
                .checkpointInterval(Duration.ofMillis(200))
                .restartAttempts(0)
                .topK(TOP_K).ringSize(32).excludeLast(EXCLUDE_LAST)
                .fromSavepoint(fromSavepoint)
                .build();
    }

    private ModelFixture model() {
        return ModelFixture.write(tmp.resolve("models"), "v1", Variant.LISA_BASE, NUM_ITEMS, MODEL_SEED);
    }

    @Test
    void theSavepointOfThisVersionRestoresAndUsersContinueExactly() throws Exception {
        Path savepoint = copyOf(FIXTURE.resolve("savepoint"));
        List<String[]> oldClicks = readKeyedLines(FIXTURE.resolve("clicks.tsv"));
        List<String[]> oldModels = readKeyedLines(FIXTURE.resolve("models.tsv"));
        ModelFixture v1 = model();
        assertThat(v1.manifestSha256()).as("the model is rebuilt byte for byte")
                .isEqualTo(Files.readString(FIXTURE.resolve("model-manifest.sha256")).strip());
        JobConfig config = config(savepoint.toString());

        // the saved state reads back with today's serializers
        Map<String, LisaUserState> saved = SavedUserStates.read(savepoint.toString(), config);
        Map<String, List<String>> history = histories(oldClicks);
        assertThat(saved.keySet()).isEqualTo(history.keySet());
        history.forEach((user, items) -> assertThat(saved.get(user).clicks).as("saved clicks of %s", user).isEqualTo(items.size()));

        // the same records in the new topics, so the restored offsets point just past them
        send("clicks", oldClicks);
        send("models", oldModels);
        try (KafkaProducer<byte[], byte[]> producer = ClickScript.producer(kafka.bootstrapServers());
                CommittedReader<Recommendation> recommendations = new CommittedReader<>(kafka.bootstrapServers(),
                        "recommendations", WireJson::parseRecommendation)) {
            JobClient job = LisaJob.kafkaJob(config).executeAsync(LisaJob.JOB_NAME);
            JobID id = job.getJobID();
            try {
                // the model moved: announce it where it is now
                producer.send(new ProducerRecord<>("models", v1.announcementJson())).get();
                InstrumentedKafkaJob.awaitServing(REPORTER, id, "v1", PARALLELISM);

                List<String[]> newClicks = new ArrayList<>();
                int i = 0;
                for (String user : history.keySet()) {
                    for (int n = 0; n < 3; n++, i++) {
                        String item = "item-" + ((i * 13 + 5) % NUM_ITEMS);
                        newClicks.add(new String[] {user, ClickScript.json(user, item, ClickScript.T0 + 100_000 + i)});
                        history.get(user).add(item);
                    }
                }
                send("clicks", newClicks);
                List<Recommendation> recs = recommendations.awaitUntil(r -> r.size() >= newClicks.size(),
                        InstrumentedKafkaJob.WAIT, newClicks.size() + " recommendations");
                assertThat(recs).hasSize(newClicks.size());
                for (Recommendation r : recs) {
                    List<String> full = history.get(r.userId);
                    assertThat(r.historyLength).as("history length of %s continues", r.userId)
                            .isBetween((long) full.size() - 2, (long) full.size());
                    ModelCoreParity.assertMatches(r, full, Map.of("v1", v1.model()), TOP_K, EXCLUDE_LAST);
                }
                assertThat(InstrumentedKafkaJob.counter(REPORTER, id, "histogramRebuilds"))
                        .as("saved histograms used as they are").isZero();
            } finally {
                InstrumentedKafkaJob.cancel(job);
            }
        }
    }

    /** Writes the fixture (only with -Dlisa.write-savepoint-fixture=true): a deliberate act, see the class comment. */
    @Test
    void writeFixture() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("lisa.write-savepoint-fixture"), "fixture not requested");
        ModelFixture v1 = model();
        JobConfig config = config(null);
        ClickScript script = ClickScript.of(6, 60, NUM_ITEMS, 5);
        List<String[]> clicks = new ArrayList<>();
        for (ClickScript.Click c : script.clicks()) {
            clicks.add(new String[] {c.user(), ClickScript.json(c.user(), c.item(), c.timestamp())});
        }
        List<String[]> models = List.<String[]>of(new String[] {"", new String(v1.announcementJson(), UTF_8)});
        send("models", models);
        try (CommittedReader<Recommendation> recommendations = new CommittedReader<>(kafka.bootstrapServers(),
                "recommendations", WireJson::parseRecommendation)) {
            JobClient job = LisaJob.kafkaJob(config).executeAsync(LisaJob.JOB_NAME);
            InstrumentedKafkaJob.awaitServing(REPORTER, job.getJobID(), "v1", PARALLELISM);
            send("clicks", clicks);
            recommendations.awaitUntil(r -> r.size() >= clicks.size(), InstrumentedKafkaJob.WAIT, "recommendations");
            String path = InstrumentedKafkaJob.stopWithSavepoint(job, tmp.resolve("savepoints"));
            Path target = FIXTURE.resolve("savepoint");
            deleteRecursively(target);
            copyTree(Paths.get(java.net.URI.create(path.startsWith("file:") ? path : "file:" + path)), target);
        }
        writeKeyedLines(FIXTURE.resolve("clicks.tsv"), clicks);
        writeKeyedLines(FIXTURE.resolve("models.tsv"), models);
        Files.writeString(FIXTURE.resolve("model-manifest.sha256"), v1.manifestSha256() + "\n");
    }

    private void send(String topic, List<String[]> keyed) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = ClickScript.producer(kafka.bootstrapServers())) {
            for (String[] kv : keyed) {
                p.send(new ProducerRecord<>(topic, kv[0].isEmpty() ? null : kv[0].getBytes(UTF_8), kv[1].getBytes(UTF_8)));
            }
            p.flush();
        }
    }

    private static Map<String, List<String>> histories(List<String[]> clicks) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (String[] kv : clicks) {
            String item = new ClickParser().parse(kv[1].getBytes(UTF_8), "clicks", 0, 0, System.currentTimeMillis())
                    .click().itemId;
            h.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(item);
        }
        return h;
    }

    private static List<String[]> readKeyedLines(Path file) throws IOException {
        return Files.readAllLines(file, UTF_8).stream().filter(l -> !l.isBlank()).map(l -> l.split("\t", 2)).toList();
    }

    private static void writeKeyedLines(Path file, List<String[]> lines) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder();
        for (String[] kv : lines) {
            sb.append(kv[0]).append('\t').append(kv[1]).append('\n');
        }
        Files.writeString(file, sb.toString(), UTF_8);
    }

    private Path copyOf(Path dir) throws IOException {
        Path target = tmp.resolve("restore-from");
        copyTree(dir, target);
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

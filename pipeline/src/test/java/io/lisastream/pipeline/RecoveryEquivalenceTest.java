package io.lisastream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.kafka.EmbeddedKafka;
import io.lisastream.model.Variant;
import io.lisastream.operator.LisaUserState;
import io.lisastream.operator.Recommendation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, items 1 and 2: the Kafka job (exactly-once sinks, RocksDB, real broker) gives the same
 * committed recommendations (read_committed) and the same final per-user state as a failure-free
 * run of the same input when
 * <ul>
 *   <li>a task fails mid-stream (an injected exception after N records) and, after recovering,
 *       fails again while a checkpoint is in flight;</li>
 *   <li>it is stopped with a savepoint and resumed from it twice, at parallelism 1, then 2, then 1.</li>
 * </ul>
 * "Same" is exact: per user, the sequence of recommendations (event time, history length, model
 * version, items, scores bit for bit) and the stored state (ring, histogram bytes, counts), read from
 * a final savepoint with the State Processor API. The failure injection lives in a test-only step
 * ({@link FaultInjector}) added from outside the production graph.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryEquivalenceTest {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();
    private static final int NUM_ITEMS = 50;
    private static final ClickScript SCRIPT = ClickScript.of(12, 2400, NUM_ITEMS, 77);
    /** Per-record pause in the test step, so that one run spans several checkpoints. */
    private static final long PAUSE_NANOS = 1_000_000;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .build());

    @TempDir
    static Path tmp;

    private EmbeddedKafka kafka;
    private ModelFixture model;
    private Outcome reference;

    /** What a run leaves behind: committed recommendations per user (in order) and the saved user states. */
    record Outcome(Map<String, List<String>> recommendations, Map<String, LisaUserState> states) {
    }

    @BeforeAll
    void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(1, "models");
        model = ModelFixture.write(tmp.resolve("models"), "v1", Variant.LISA_BASE, NUM_ITEMS, 31);
        try (var producer = ClickScript.producer(kafka.bootstrapServers())) {
            producer.send(new ProducerRecord<>("models", model.announcementJson())).get();
        }
    }

    /**
     * The failure-free run, once per class. Run from a test method, not from {@code @BeforeAll}: the
     * MiniCluster extension installs its execution environment per test.
     */
    private synchronized Outcome reference() throws Exception {
        if (reference == null) {
            FaultInjector noFault = FaultInjector.scenario("reference", 0, false, PAUSE_NANOS);
            JobConfig config = config("reference", 2);
            JobClient job = InstrumentedKafkaJob.start(config, noFault);
            InstrumentedKafkaJob.awaitServing(REPORTER, job.getJobID(), "v1", 2);
            SCRIPT.send(kafka.bootstrapServers(), config.clicksTopic());
            Outcome outcome = finish(job, config, SCRIPT.size());
            assertThat(outcome.states()).hasSize(SCRIPT.users().size());
            assertThat(outcome.states().values()).extracting(s -> s.clicks).containsExactlyElementsOf(
                    SCRIPT.histories().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> (long) e.getValue().size()).toList());
            reference = outcome;
        }
        return reference;
    }

    @AfterAll
    void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void failuresMidStreamAndDuringACheckpointChangeNothing() throws Exception {
        FaultInjector twoFailures = FaultInjector.scenario("failures", 300, true, PAUSE_NANOS);
        JobConfig config = config("failures", 2);
        JobClient job = InstrumentedKafkaJob.start(config, twoFailures);
        InstrumentedKafkaJob.awaitServing(REPORTER, job.getJobID(), "v1", 2);
        SCRIPT.send(kafka.bootstrapServers(), config.clicksTopic());
        Outcome outcome = finish(job, config, SCRIPT.size());

        FaultInjector.Scenario what = FaultInjector.get("failures");
        assertThat(what.failedAfterRecords).as("failed after 300 records: %s", what.events).isTrue();
        assertThat(what.failedInCheckpoint).as("failed during a checkpoint: %s", what.events).isTrue();
        assertSameAsReference(outcome);
        System.err.println("recovery: " + what.events);
    }

    @Test
    void stopWithSavepointAndResumeAtParallelism1Then2Then1ContinuesExactly() throws Exception {
        int third = SCRIPT.size() / 3;
        List<ClickScript> phases = List.of(SCRIPT.slice(0, third), SCRIPT.slice(third, 2 * third),
                SCRIPT.slice(2 * third, SCRIPT.size()));
        int[] parallelism = {1, 2, 1};
        String savepoint = null;
        int sent = 0;
        Outcome outcome = null;
        for (int phase = 0; phase < phases.size(); phase++) {
            JobConfig config = config("rescale", parallelism[phase]).toBuilder().fromSavepoint(savepoint).build();
            JobClient job = InstrumentedKafkaJob.start(config, InstrumentedKafkaJob.passThrough());
            if (savepoint == null) {
                InstrumentedKafkaJob.awaitServing(REPORTER, job.getJobID(), "v1", parallelism[phase]);
            }
            phases.get(phase).send(kafka.bootstrapServers(), config.clicksTopic());
            sent += phases.get(phase).size();
            outcome = finish(job, config, sent);
            savepoint = lastSavepoint;
            assertThat(outcome.states().values().stream().mapToLong(s -> s.clicks).sum())
                    .as("clicks in state after phase %d", phase).isEqualTo(sent);
        }
        assertSameAsReference(outcome);
    }

    private String lastSavepoint;

    private void assertSameAsReference(Outcome outcome) throws Exception {
        Outcome reference = reference();
        assertThat(outcome.recommendations().keySet()).isEqualTo(reference.recommendations().keySet());
        for (String user : reference.recommendations().keySet()) {
            assertThat(outcome.recommendations().get(user)).as("recommendations of %s", user)
                    .containsExactlyElementsOf(reference.recommendations().get(user));
        }
        assertThat(outcome.states()).isEqualTo(reference.states());
    }

    private JobConfig config(String run, int parallelism) {
        kafka.createTopics(2, "clicks-" + run, "recommendations-" + run);
        kafka.createTopics(1, "dead-letters-" + run);
        return JobConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .clicksTopic("clicks-" + run)
                .recommendationsTopic("recommendations-" + run)
                .deadLettersTopic("dead-letters-" + run)
                .modelsTopic("models")
                .groupId("group-" + run)
                .transactionalIdPrefix("tx-" + run)
                .checkpointDir(tmp.resolve("checkpoints-" + run))
                .savepointDir(tmp.resolve("savepoints-" + run))
                .allowedModelRoot(tmp.resolve("models"))
                .parallelism(parallelism)
                .checkpointInterval(Duration.ofMillis(100))
                .restartAttempts(5)
                .restartDelay(Duration.ofMillis(100))
                .topK(5)
                .ringSize(32)
                .excludeLast(3)
                .build();
    }

    /**
     * Waits for {@code expected} committed recommendations, stops with a savepoint, checks that no
     * more arrive, and reads the saved states.
     */
    private Outcome finish(JobClient job, JobConfig config, int expected) throws Exception {
        try (CommittedReader<Recommendation> recs = new CommittedReader<>(kafka.bootstrapServers(),
                config.recommendationsTopic(), WireJson::parseRecommendation)) {
            recs.awaitUntil(r -> r.size() >= expected, InstrumentedKafkaJob.WAIT, expected + " recommendations");
            lastSavepoint = InstrumentedKafkaJob.stopWithSavepoint(job, tmp.resolve("savepoints"));
            List<Recommendation> all = recs.poll();
            assertThat(all).as("committed recommendations, none twice").hasSize(expected);
            Map<String, List<String>> byUser = new TreeMap<>();
            for (Recommendation r : all) {
                byUser.computeIfAbsent(r.userId, k -> new ArrayList<>()).add(canonical(r));
            }
            return new Outcome(byUser, SavedUserStates.read(lastSavepoint, config));
        }
    }

    /** Everything of a recommendation but the wall-clock ingest time; scores bit for bit. */
    static String canonical(Recommendation r) {
        int[] bits = new int[r.scores.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Float.floatToIntBits(r.scores[i]);
        }
        return r.userId + " t=" + r.timestamp + " n=" + r.historyLength + " " + r.modelVersion + " "
                + Arrays.toString(r.itemIds) + " " + Arrays.toString(bits);
    }
}

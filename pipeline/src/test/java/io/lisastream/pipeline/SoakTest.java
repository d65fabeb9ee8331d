package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.kafka.EmbeddedKafka;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.RandomModels;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.operator.ModelAnnouncement;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, item 6: a bounded soak run, not part of CI (skipped unless {@code -Dsoak.minutes=N}):
 * <pre>
 *   mvn -pl pipeline -am test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.test=none -Dsoak.minutes=3
 * </pre>
 * First the Kafka job's maximum rate is measured (clicks produced as fast as possible, the LISA
 * operator's {@code events} counter over 20 s). Then the job runs for N minutes at 80% of that rate
 * with users arriving all the time, each active for {@value #ACTIVE_SECONDS} s and then idle for
 * good, and a state TTL of {@value #TTL_SECONDS} s. Every 10 s it records heap after a full GC,
 * RocksDB's estimated keys of the user state, users seen in the last TTL, the recommendation rate,
 * and event-to-recommendation latency (click time to the committed recommendation read with
 * read_committed). It passes when the state and heap plateau (TTL evicts idle users), latency at the
 * end is like latency at the start, and the job keeps up. The table goes to stderr and to
 * {@code target/soak-report.md}.
 */
@EnabledIfSystemProperty(named = "soak.minutes", matches = ".+", disabledReason = "soak runs only with -Dsoak.minutes=N")
class SoakTest {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();
    private static final int PARALLELISM = 2;
    private static final int NUM_ITEMS = 3000;
    static final int ACTIVE_SECONDS = 30;
    static final int TTL_SECONDS = 20;
    private static final int WINDOW_SECONDS = 10;
    private static final int CLICKS_PER_USER_SECOND = 1;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .setConfiguration(rocksDbMetrics(REPORTER.addToConfiguration(new Configuration())))
            .build());

    @TempDir
    Path tmp;

    private static Configuration rocksDbMetrics(Configuration c) {
        c.setString("state.backend.rocksdb.metrics.estimate-num-keys", "true");
        c.setString("state.backend.rocksdb.metrics.total-sst-files-size", "true");
        c.setString("state.backend.rocksdb.metrics.cur-size-all-mem-tables", "true");
        return c;
    }

    /** One 10-second window of the soak. */
    record Window(int second, double targetRate, double recsPerSecond, long heapMb, long stateKeys, long sstKb,
            long liveUsers, long usersSoFar, long p50Ms, long p99Ms) {
    }

    @Test
    void soakAtEightyPercentOfMaxThroughput() throws Exception {
        String minutes = System.getProperty("soak.minutes");
        int soakSeconds = (int) Math.round(Double.parseDouble(minutes) * 60);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Path models = tmp.resolve("models");
            ModelAnnouncement model = writeModel(models);
            kafka.createTopics(1, "models");
            try (KafkaProducer<byte[], byte[]> p = ClickScript.producer(kafka.bootstrapServers())) {
                p.send(new ProducerRecord<>("models", WireJson.modelAnnouncement(model))).get();
            }

            double max = measureMaxRate(kafka, models);
            double target = 0.8 * max;
            System.err.printf("soak: max %.0f events/s, soaking at %.0f events/s for %d s%n", max, target, soakSeconds);
            List<Window> windows = soak(kafka, models, target, soakSeconds);
            String report = report(max, target, windows);
            System.err.println(report);
            Path out = Paths.get("target/soak-report.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            check(windows, target);
        }
    }

    private static ModelAnnouncement writeModel(Path root) throws Exception {
        ModelConfig r = RandomModels.config(Variant.LISA_BASE, NUM_ITEMS, 64, 200, 0.1, 4, 64);
        ModelConfig c = new ModelConfig("soak-v1", r.variant(), r.dim(), r.ffnDim(), r.maxLen(), r.decay(), r.layerNormEps(),
                r.codebooks(), r.codewords(), r.targetCodebooks(), r.targetCodewords(), r.numItems());
        Path dir = root.resolve("soak-v1");
        ModelArtifact.write(RandomModels.build(c, 7), dir);
        return new ModelAnnouncement("soak-v1", dir.toUri().toString(), ModelArtifact.manifestSha256(dir));
    }

    private JobConfig config(EmbeddedKafka kafka, Path models, String run) {
        kafka.createTopics(2, "clicks-" + run, "recommendations-" + run);
        kafka.createTopics(1, "dead-letters-" + run);
        return JobConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .clicksTopic("clicks-" + run).recommendationsTopic("recommendations-" + run)
                .deadLettersTopic("dead-letters-" + run).modelsTopic("models")
                .groupId(run).transactionalIdPrefix(run)
                .checkpointDir(tmp.resolve("checkpoints-" + run))
                .allowedModelRoot(models)
                .parallelism(PARALLELISM)
                .checkpointInterval(Duration.ofSeconds(1))
                .restartAttempts(0)
                .stateTtl(Duration.ofSeconds(TTL_SECONDS))
                .topK(10).ringSize(50).excludeLast(5)
                .build();
    }

    /** Events/s the job sustains with clicks produced as fast as possible (20 s after 10 s of warm-up). */
    private double measureMaxRate(EmbeddedKafka kafka, Path models) throws Exception {
        JobConfig config = config(kafka, models, "max");
        JobClient job = LisaJob.kafkaJob(config).executeAsync("soak max rate");
        try {
            InstrumentedKafkaJob.awaitServing(REPORTER, job.getJobID(), "soak-v1", PARALLELISM);
            ClickLoad load = new ClickLoad(kafka.bootstrapServers(), config.clicksTopic(), Double.POSITIVE_INFINITY);
            load.start();
            try {
                Thread.sleep(10_000);
                long e0 = InstrumentedKafkaJob.counter(REPORTER, job.getJobID(), "events");
                long t0 = System.nanoTime();
                Thread.sleep(20_000);
                long e1 = InstrumentedKafkaJob.counter(REPORTER, job.getJobID(), "events");
                double rate = (e1 - e0) / ((System.nanoTime() - t0) / 1e9);
                System.err.printf("soak: producer sent %.0f events/s while the job processed %.0f events/s%n",
                        load.sent.get() / 30.0, rate);
                return rate;
            } finally {
                load.stop();
            }
        } finally {
            job.cancel().get();
        }
    }

    private List<Window> soak(EmbeddedKafka kafka, Path models, double rate, int seconds) throws Exception {
        JobConfig config = config(kafka, models, "soak");
        JobClient job = LisaJob.kafkaJob(config).executeAsync("soak");
        JobID id = job.getJobID();
        List<Window> windows = new ArrayList<>();
        try (LatencyReader latency = new LatencyReader(kafka.bootstrapServers(), config.recommendationsTopic())) {
            InstrumentedKafkaJob.awaitServing(REPORTER, id, "soak-v1", PARALLELISM);
            ClickLoad load = new ClickLoad(kafka.bootstrapServers(), config.clicksTopic(), rate);
            load.start();
            latency.start();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long start = System.nanoTime();
            try {
                for (int s = WINDOW_SECONDS; s <= seconds; s += WINDOW_SECONDS) {
                    long until = start + s * 1_000_000_000L;
                    Thread.sleep(Math.max(0, (until - System.nanoTime()) / 1_000_000));
                    long[] lat = latency.drainWindow();
                    System.gc();
                    long heapMb = memory.getHeapMemoryUsage().getUsed() >> 20;
                    Window w = new Window(s, rate, lat.length / (double) WINDOW_SECONDS, heapMb,
                            rocksDb(id, "estimate-num-keys"), rocksDb(id, "total-sst-files-size") >> 10,
                            load.liveUsers(), load.usersSoFar(), percentile(lat, 50), percentile(lat, 99));
                    windows.add(w);
                    System.err.println("soak: " + w);
                }
            } finally {
                load.stop();
            }
        } finally {
            job.cancel().get();
        }
        return windows;
    }

    /** Sum of a RocksDB native metric of the user state column family over the subtasks. */
    private static long rocksDb(JobID job, String metric) {
        long sum = 0;
        for (Map.Entry<String, org.apache.flink.metrics.Metric> e : REPORTER.findMetrics(job, metric).entrySet()) {
            if (e.getKey().contains("lisa-user-state")) {
                Object v = ((Gauge<?>) e.getValue()).getValue();
                sum += v instanceof Number n ? n.longValue() : 0;
            }
        }
        return sum;
    }

    private static void check(List<Window> w, double target) {
        assertThat(w.size()).as("windows").isGreaterThanOrEqualTo(6);
        int third = w.size() / 3;
        List<Window> first = w.subList(1, third + 1);
        List<Window> middle = w.subList(third, 2 * third);
        List<Window> last = w.subList(w.size() - third, w.size());
        long maxLive = w.stream().mapToLong(Window::liveUsers).max().orElseThrow();
        long users = w.get(w.size() - 1).usersSoFar();
        assertThat(last.stream().mapToLong(Window::stateKeys).max().orElseThrow())
                .as("state keys at the end stay near the users of the last TTL (max %d), not all %d users", maxLive, users)
                .isLessThanOrEqualTo(Math.max(3 * maxLive, 1000));
        assertThat(avg(last, Window::heapMb)).as("heap after GC, last third vs middle third")
                .isLessThanOrEqualTo(1.3 * avg(middle, Window::heapMb) + 32);
        assertThat(avg(last, Window::p99Ms)).as("p99 latency, last third vs first third")
                .isLessThanOrEqualTo(2.0 * avg(first, Window::p99Ms) + 1000);
        assertThat(avg(last, Window::recsPerSecond)).as("recommendations/s keep up with the load")
                .isGreaterThanOrEqualTo(0.9 * target);
    }

    private static double avg(List<Window> ws, java.util.function.ToDoubleFunction<Window> f) {
        return ws.stream().mapToDouble(f).average().orElseThrow();
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String report(double max, double target, List<Window> windows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Soak: max %.0f events/s measured, run at %.0f events/s (80%%), TTL %d s, users active %d s%n%n",
                max, target, TTL_SECONDS, ACTIVE_SECONDS));
        sb.append("| t (s) | recs/s | heap after GC (MB) | RocksDB keys (user state) | SST (KB) | users in last TTL | users so far | p50 (ms) | p99 (ms) |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Window w : windows) {
            sb.append(String.format("| %d | %.0f | %d | %d | %d | %d | %d | %d | %d |%n", w.second(), w.recsPerSecond(), w.heapMb(),
                    w.stateKeys(), w.sstKb(), w.liveUsers(), w.usersSoFar(), w.p50Ms(), w.p99Ms()));
        }
        return sb.toString();
    }

    /**
     * Clicks at a paced rate (or as fast as possible): every second {@code rate / CLICKS_PER_USER_SECOND
     * / ACTIVE_SECONDS} new users arrive, each clicks about once a second for ACTIVE_SECONDS and then
     * never again. Event time is the wall clock at sending.
     */
    private static final class ClickLoad {
        private final String bootstrap;
        private final String topic;
        private final double rate;
        private final AtomicBoolean running = new AtomicBoolean();
        final AtomicLong sent = new AtomicLong();
        private final AtomicLong nextUser = new AtomicLong();
        /** [user number, arrival millis] of users still active, oldest first. */
        private final Deque<long[]> active = new ArrayDeque<>();
        private final Deque<long[]> recent = new ArrayDeque<>();
        private Thread thread;

        ClickLoad(String bootstrap, String topic, double rate) {
            this.bootstrap = bootstrap;
            this.topic = topic;
            this.rate = rate;
        }

        void start() {
            running.set(true);
            thread = new Thread(this::run, "soak-load");
            thread.start();
        }

        private void run() {
            SplittableRandom rnd = new SplittableRandom(42);
            double perTick = Double.isInfinite(rate) ? 2000 : rate / 100; // 10 ms ticks
            double arrivalsPerClick = 1.0 / (CLICKS_PER_USER_SECOND * ACTIVE_SECONDS);
            double owed = 0;
            double arrivals = 0;
            long tick = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> p = ClickScript.producer(bootstrap)) {
                while (running.get()) {
                    owed += perTick;
                    long now = System.currentTimeMillis();
                    synchronized (this) {
                        while (!active.isEmpty() && active.peekFirst()[1] < now - ACTIVE_SECONDS * 1000L) {
                            active.pollFirst();
                        }
                        arrivals += perTick * arrivalsPerClick;
                        while (arrivals >= 1 || active.isEmpty()) {
                            long[] u = {nextUser.getAndIncrement(), now};
                            active.addLast(u);
                            recent.addLast(u);
                            arrivals = Math.max(0, arrivals - 1);
                        }
                        while (!recent.isEmpty() && recent.peekFirst()[1] < now - (ACTIVE_SECONDS + TTL_SECONDS) * 1000L) {
                            recent.pollFirst();
                        }
                        long[][] users = active.toArray(new long[0][]);
                        for (; owed >= 1; owed--) {
                            String user = "s-" + users[rnd.nextInt(users.length)][0];
                            String json = ClickScript.json(user, "item-" + rnd.nextInt(NUM_ITEMS), now);
                            p.send(new ProducerRecord<>(topic, user.getBytes(UTF_8), json.getBytes(UTF_8)));
                            sent.incrementAndGet();
                        }
                    }
                    if (!Double.isInfinite(rate)) {
                        tick += 10_000_000L;
                        long sleep = tick - System.nanoTime();
                        if (sleep > 0) {
                            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Users whose state should still be alive: active now, or active within the last TTL. */
        synchronized long liveUsers() {
            return recent.size();
        }

        long usersSoFar() {
            return nextUser.get();
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join();
            }
        }
    }

    /** Reads committed recommendations and records click-to-commit-read latency per window. */
    private static final class LatencyReader implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<Long> window = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        LatencyReader(String bootstrap, String topic) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        Parsed<io.lisastream.operator.Recommendation> rec = WireJson.parseRecommendation(r.value());
                        if (rec.isOk()) {
                            long latency = System.currentTimeMillis() - rec.value().timestamp;
                            synchronized (window) {
                                window.add(latency);
                            }
                        }
                    }
                }
            }, "soak-latency");
            thread.start();
        }

        /** The latencies seen since the last call, sorted. */
        long[] drainWindow() {
            long[] out;
            synchronized (window) {
                out = window.stream().mapToLong(Long::longValue).toArray();
                window.clear();
            }
            Arrays.sort(out);
            return out;
        }

        @Override
        public void close() {
            running.set(false);
            try {
                if (thread != null) {
                    thread.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                consumer.close();
            }
        }
    }
}

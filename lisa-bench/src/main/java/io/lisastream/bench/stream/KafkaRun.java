package io.lisastream.bench.stream;

import io.lisastream.kafka.EmbeddedKafka;
import io.lisastream.pipeline.JobConfig;
import io.lisastream.pipeline.KafkaConnectors;
import io.lisastream.pipeline.LisaJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The same job end to end through Kafka ({@link KafkaConnectors}: read_committed click source,
 * exactly-once recommendation sink) against an in-JVM broker ({@link EmbeddedKafka}). A producer
 * thread writes clicks (wire JSON, timestamp = when sent), a read_committed consumer thread reads
 * the recommendations; latency runs from the click's send to the recommendation's arrival at the
 * consumer, so it includes the wait for the checkpoint that commits the sink's transaction.
 */
final class KafkaRun {
    private KafkaRun() {
    }

    static PipelineRun.Measured run(JobSettings s, ServedModel served, Path savepoint, double totalRate, boolean latency)
            throws Exception {
        String runId = "kafka-" + UUID.randomUUID();
        RunStats stats = RunStats.open(runId);
        Path checkpoints = Files.createTempDirectory(s.workDir(), "checkpoints-");
        AtomicBoolean running = new AtomicBoolean(true);
        try (EmbeddedKafka kafka = startQuietly()) {
            JobConfig config = PipelineRun.jobConfig(s, served, savepoint, checkpoints, kafka.bootstrapServers(),
                    s.kafkaCheckpointInterval()).toBuilder().clicksStartingOffsets(JobConfig.StartingOffsets.EARLIEST)
                    .build();
            kafka.createTopics(s.parallelism(), config.clicksTopic(), config.recommendationsTopic());
            kafka.createTopics(1, config.modelsTopic(), config.deadLettersTopic());
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(PipelineRun.flinkSettings(s, config));
            LisaJob.defineWorkflow(env, KafkaConnectors.clickSource(config), KafkaConnectors.modelSource(config),
                    KafkaConnectors.recommendationSink(config), KafkaConnectors.deadLetterSink(config), config);
            JobClient job = env.executeAsync("lisa-bench stream (kafka) " + served.variant());
            Thread consumer = new Thread(() -> consume(kafka.bootstrapServers(), config, stats, running), "bench-consumer");
            Thread producer = new Thread(() -> produce(kafka.bootstrapServers(), config, served, s, totalRate, stats,
                    running), "bench-producer");
            consumer.setDaemon(true);
            producer.setDaemon(true);
            consumer.start();
            producer.start();
            try {
                // twice the warm-up: the producer, broker and consumer warm up as well, and a backlog
                // built meanwhile must drain before latencies mean anything
                JobSettings longer = new JobSettings(s.parallelism(), s.maxParallelism(), s.managedMemoryMb(),
                        s.bufferTimeout(), s.checkpointInterval(), s.kafkaCheckpointInterval(),
                        s.warmup().multipliedBy(2), s.measure(), s.latencyFraction(), s.kafkaFraction(),
                        s.separateLatencyRun(), s.users(), s.items(), s.seed(), s.workDir());
                return PipelineRun.measure(job, stats, longer, latency);
            } finally {
                running.set(false);
                producer.join(30_000);
                PipelineRun.stop(job);
                consumer.join(30_000);
            }
        } finally {
            running.set(false);
            RunStats.close(runId);
            Files2.deleteTree(checkpoints);
        }
    }

    /** Starts the broker with stdout pointed at stderr: Kafka's storage formatter prints there. */
    private static EmbeddedKafka startQuietly() {
        java.io.PrintStream out = System.out;
        System.setOut(System.err);
        try {
            return EmbeddedKafka.start();
        } finally {
            System.setOut(out);
        }
    }

    private static void produce(String servers, JobConfig config, ServedModel served, JobSettings s, double rate,
            RunStats stats, AtomicBoolean running) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(config.modelsTopic(), served.announcementJson()));
            producer.flush();
            SplittableRandom rnd = new SplittableRandom(s.seed());
            long started = 0;
            long sent = 0;
            boolean primed = false;
            while (running.get()) {
                if (!primed) {
                    primed = stats.primed();
                    if (!primed) {
                        LockSupport.parkNanos(10_000_000L);
                    } else {
                        started = System.nanoTime();
                    }
                } else if (rate > 0) {
                    long due = started + (long) (sent * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 200_000) {
                        LockSupport.parkNanos(wait);
                    }
                }
                String user = "u" + rnd.nextInt(s.users());
                String json = "{\"userId\":\"" + user + "\",\"itemId\":\"" + (1 + rnd.nextInt(s.items()))
                        + "\",\"timestamp\":" + System.currentTimeMillis() + "}";
                producer.send(new ProducerRecord<>(config.clicksTopic(), user, json.getBytes(StandardCharsets.UTF_8)));
                if (primed) {
                    sent++;
                }
            }
        }
    }

    private static void consume(String servers, JobConfig config, RunStats stats, AtomicBoolean running) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "lisa-bench-reader");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(config.recommendationsTopic(), config.deadLettersTopic()));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    if (r.topic().equals(config.deadLettersTopic())) {
                        stats.deadLetters.incrementAndGet();
                    } else {
                        stats.recommendation(timestampOf(r.value()), System.currentTimeMillis());
                    }
                }
            }
        }
    }

    /** The top-level "timestamp" of a recommendation's JSON (the click's), without a full parse. */
    static long timestampOf(byte[] json) {
        byte[] key = "\"timestamp\":".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + key.length < json.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (json[i + k] != key[k]) {
                    continue outer;
                }
            }
            int j = i + key.length;
            while (j < json.length && json[j] == ' ') {
                j++;
            }
            long v = 0;
            while (j < json.length && json[j] >= '0' && json[j] <= '9') {
                v = v * 10 + (json[j++] - '0');
            }
            return v;
        }
        throw new IllegalStateException("recommendation without a timestamp: " + new String(json, StandardCharsets.UTF_8));
    }
}

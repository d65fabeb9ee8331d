package io.lisastream.cli.demo;

import io.lisastream.cli.kafka.KafkaClients;
import io.lisastream.operator.Recommendation;
import io.lisastream.pipeline.DeadLetter;
import io.lisastream.pipeline.Parsed;
import io.lisastream.pipeline.WireJson;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the job's two outputs from the beginning, committed transactions only, on its own thread:
 * recommendations go to the {@link OnlineEvaluation} (except the probe user's), dead letters are
 * counted. Also remembers the model versions seen and when the last output arrived.
 */
final class OutputWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputWatcher.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String recommendationsTopic;
    private final String deadLettersTopic;
    private final String probeUser;
    private final OnlineEvaluation evaluation;
    private final Thread thread;
    private final AtomicLong recommendations = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong probeRecommendations = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong lastOutputNanos = new AtomicLong(System.nanoTime());
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final AtomicReference<String> lastVersion = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;

    OutputWatcher(Properties kafka, String recommendationsTopic, String deadLettersTopic, String probeUser,
            OnlineEvaluation evaluation) {
        this.consumer = KafkaClients.committedReader(kafka, "lisa-demo-watcher");
        this.recommendationsTopic = recommendationsTopic;
        this.deadLettersTopic = deadLettersTopic;
        this.probeUser = probeUser;
        this.evaluation = evaluation;
        KafkaClients.assignAll(consumer, recommendationsTopic, deadLettersTopic);
        consumer.seekToBeginning(consumer.assignment());
        this.thread = new Thread(this::run, "lisa-demo-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!stopping) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.topic().equals(recommendationsTopic)) {
                        recommendation(r.value(), now);
                    } else {
                        deadLetter(r.value());
                    }
                }
                if (!records.isEmpty()) {
                    lastOutputNanos.set(System.nanoTime());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable t) {
            failure.set(t);
            LOG.error("Reading the job's output failed", t);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void recommendation(byte[] value, long now) {
        Parsed<Recommendation> p = WireJson.parseRecommendation(value);
        if (!p.isOk()) {
            unreadable.incrementAndGet();
            LOG.warn("Unreadable recommendation: {}", p.error());
            return;
        }
        Recommendation r = p.value();
        if (probeUser.equals(r.userId)) {
            probeRecommendations.incrementAndGet();
            lastVersion.set(r.modelVersion);
            return;
        }
        recommendations.incrementAndGet();
        versions.merge(r.modelVersion, 1L, Long::sum);
        lastVersion.set(r.modelVersion);
        evaluation.recommended(r, now);
    }

    private void deadLetter(byte[] value) {
        Parsed<DeadLetter> p = WireJson.parseDeadLetter(value);
        if (!p.isOk()) {
            unreadable.incrementAndGet();
            LOG.warn("Unreadable dead letter: {}", p.error());
            return;
        }
        deadLetters.incrementAndGet();
        LOG.debug("Dead letter: {}", p.value().error);
    }

    long recommendations() {
        return recommendations.get();
    }

    long deadLetters() {
        return deadLetters.get();
    }

    long probeRecommendations() {
        return probeRecommendations.get();
    }

    long unreadable() {
        return unreadable.get();
    }

    /** Recommendations per model version (probe excluded). */
    Map<String, Long> versions() {
        return Map.copyOf(versions);
    }

    /** The model version of the latest recommendation read (probe included), or null. */
    String lastVersion() {
        return lastVersion.get();
    }

    /** Nanoseconds (System.nanoTime) of the last poll that returned anything. */
    long lastOutputNanos() {
        return lastOutputNanos.get();
    }

    /** Throws if the reader thread died. */
    void check() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("reading the job's output failed: " + t, t);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}

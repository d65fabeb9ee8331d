package io.lisastream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the beginning with isolation.level=read_committed, as a downstream user would,
 * keeping everything read; each value is decoded with {@code decode} (a failure fails the test).
 */
final class CommittedReader<T> implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Function<byte[], Parsed<T>> decode;
    private final List<T> values = new ArrayList<>();

    CommittedReader(String bootstrapServers, String topic, Function<byte[], Parsed<T>> decode) {
        this.decode = decode;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once and returns everything read so far. */
    List<T> poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            Parsed<T> p = decode.apply(r.value());
            assertThat(p.isOk()).as("output record %s-%d@%d is readable: %s", r.topic(), r.partition(), r.offset(), p.error()).isTrue();
            values.add(p.value());
        }
        return List.copyOf(values);
    }

    /** Polls until {@code done} holds for everything read, or fails after {@code timeout}. */
    List<T> awaitUntil(Predicate<List<T>> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<T> now = poll();
        while (!done.test(now)) {
            assertThat(System.nanoTime()).as("waiting for %s; have %d records", what, now.size()).isLessThan(deadline);
            now = poll();
        }
        return now;
    }

    @Override
    public void close() {
        consumer.close();
    }
}

package io.lisastream.cli.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producers and consumers of raw bytes (keys and values are the wire JSON's UTF-8 bytes). */
public final class KafkaClients {
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private KafkaClients() {
    }

    /** An idempotent producer (acks=all) that batches for a few milliseconds. */
    public static KafkaProducer<byte[], byte[]> producer(Properties base, String clientId) {
        Properties p = new Properties();
        p.putAll(base);
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * A consumer that reads only committed transactions (what exactly-once output promises), with
     * no consumer group: callers {@link #assignAll} partitions themselves, so nothing is committed.
     */
    public static KafkaConsumer<byte[], byte[]> committedReader(Properties base, String clientId) {
        Properties p = new Properties();
        p.putAll(base);
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + UUID.randomUUID().toString().substring(0, 8));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Assigns every partition of the topics to the consumer.
     *
     * @throws IllegalArgumentException when a topic does not exist
     */
    public static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, String... topics) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("topic '" + topic + "' does not exist");
            }
            for (PartitionInfo info : infos) {
                all.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(all);
        return all;
    }
}

package io.lisastream.pipeline;

import io.lisastream.operator.Recommendation;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The job's Kafka sources and sinks, from a {@link JobConfig}. Every client gets the pass-through
 * {@link KafkaClientProperties} first; the settings exactly-once depends on are set after them.
 *
 * <ul>
 *   <li>clicks: read_committed, from committed offsets (earliest when none) unless configured otherwise;</li>
 *   <li>model announcements: always from the earliest offset on a fresh start, so the job finds the
 *       current model (the latest valid announcement wins); on a restore, from the checkpoint;</li>
 *   <li>recommendations and dead letters: EXACTLY_ONCE Kafka transactions committed on checkpoints,
 *       transactional ids {@code <prefix>-recommendations} and {@code <prefix>-dead-letters}.</li>
 * </ul>
 */
public final class KafkaConnectors {
    private KafkaConnectors() {
    }

    // the connector's committedOffsets(...) still takes Kafka's deprecated OffsetResetStrategy
    @SuppressWarnings("deprecation")
    public static KafkaSource<RawRecord> clickSource(JobConfig c) {
        OffsetsInitializer start = switch (c.clicksStartingOffsets()) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
        return KafkaSource.<RawRecord>builder()
                .setProperties(consumerProperties(c))
                .setBootstrapServers(c.bootstrapServers())
                .setGroupId(c.groupId())
                .setClientIdPrefix(c.groupId() + "-clicks")
                .setTopics(c.clicksTopic())
                .setStartingOffsets(start)
                .setDeserializer(new RawRecordDeserializer())
                .build();
    }

    public static KafkaSource<RawRecord> modelSource(JobConfig c) {
        return KafkaSource.<RawRecord>builder()
                .setProperties(consumerProperties(c))
                .setBootstrapServers(c.bootstrapServers())
                .setGroupId(c.groupId())
                .setClientIdPrefix(c.groupId() + "-models")
                .setTopics(c.modelsTopic())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawRecordDeserializer())
                .build();
    }

    public static KafkaSink<Recommendation> recommendationSink(JobConfig c) {
        return KafkaSink.<Recommendation>builder()
                .setKafkaProducerConfig(producerProperties(c))
                .setBootstrapServers(c.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(c.transactionalIdPrefix() + "-recommendations")
                .setRecordSerializer(new RecommendationRecords(c.recommendationsTopic()))
                .build();
    }

    public static KafkaSink<DeadLetter> deadLetterSink(JobConfig c) {
        return KafkaSink.<DeadLetter>builder()
                .setKafkaProducerConfig(producerProperties(c))
                .setBootstrapServers(c.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(c.transactionalIdPrefix() + "-dead-letters")
                .setRecordSerializer(new DeadLetterRecords(c.deadLettersTopic()))
                .build();
    }

    private static Properties consumerProperties(JobConfig c) {
        Properties p = c.kafkaProperties().toProperties();
        p.remove("bootstrap.servers");
        // only committed transactions of upstream producers; a file may ask otherwise
        p.putIfAbsent("isolation.level", "read_committed");
        return p;
    }

    private static Properties producerProperties(JobConfig c) {
        Properties p = c.kafkaProperties().toProperties();
        p.remove("bootstrap.servers");
        p.setProperty("transaction.timeout.ms", Long.toString(c.transactionTimeout().toMillis()));
        return p;
    }
}

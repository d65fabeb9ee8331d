package io.lisastream.pipeline;

import io.lisastream.operator.Recommendation;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A recommendation as a Kafka record: key = the user id (UTF-8), so one user's recommendations stay in
 * order in one partition; value = {@link WireJson#recommendation}. The record timestamp is left to the
 * producer (now): a replay's old event times would otherwise fall out of the topic's retention at once.
 */
final class RecommendationRecords implements KafkaRecordSerializationSchema<Recommendation> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    RecommendationRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Recommendation r, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, r.userId.getBytes(StandardCharsets.UTF_8), WireJson.recommendation(r));
    }
}

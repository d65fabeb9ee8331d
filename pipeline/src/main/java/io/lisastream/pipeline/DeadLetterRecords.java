package io.lisastream.pipeline;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A dead letter as a Kafka record: key = "topic-partition" of the refused record (so the letters of
 * one input partition stay in offset order), value = {@link WireJson#deadLetter}.
 */
final class DeadLetterRecords implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    DeadLetterRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter d, KafkaSinkContext context, Long timestamp) {
        byte[] key = (d.topic + "-" + d.partition).getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, key, WireJson.deadLetter(d));
    }
}

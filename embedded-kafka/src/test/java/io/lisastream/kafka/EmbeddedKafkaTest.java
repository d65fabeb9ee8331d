package io.lisastream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real broker: topics with the partitions asked for, transactions committed and aborted. */
class EmbeddedKafkaTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
        kafka.close(); // idempotent
    }

    private static KafkaProducer<String, String> transactionalProducer(String id) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static List<ConsumerRecord<String, String>> readCommitted(String topic, int atLeast) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of(topic));
            // bounded wait for the records, then one more poll to see that nothing else arrives
            for (int polls = 0; polls < 60 && out.size() < atLeast; polls++) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    @Test
    void createsTopicsWithThePartitionsAskedFor() throws Exception {
        kafka.createTopics(3, "clicks", "recommendations");
        kafka.createTopics(3, "clicks"); // already there: left alone

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<String, TopicDescription> d = admin.describeTopics(Set.of("clicks", "recommendations")).allTopicNames().get();
            assertThat(d.get("clicks").partitions()).hasSize(3);
            assertThat(d.get("recommendations").partitions()).hasSize(3);
        }
    }

    @Test
    void readCommittedSeesCommittedTransactionsOnly() {
        kafka.createTopics(2, "tx");
        try (KafkaProducer<String, String> producer = transactionalProducer("embedded-kafka-test")) {
            producer.initTransactions();

            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("tx", "user-" + (i % 3), "committed-" + i));
            }
            producer.commitTransaction();

            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("tx", "user-" + i, "aborted-" + i));
            }
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "user-0", "committed-10"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records = readCommitted("tx", 11);
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("committed-0", "committed-1", "committed-2", "committed-3", "committed-4",
                        "committed-5", "committed-6", "committed-7", "committed-8", "committed-9", "committed-10");
        // the same key always lands in the same partition, in order
        assertThat(records.stream().filter(r -> r.key().equals("user-0")).map(ConsumerRecord::value))
                .containsExactly("committed-0", "committed-3", "committed-6", "committed-9", "committed-10");
        assertThat(records.stream().map(ConsumerRecord::partition).distinct()).allMatch(p -> p == 0 || p == 1);
    }

    @Test
    void bootstrapServersIsAHostAndPort() {
        assertThat(kafka.bootstrapServers()).matches("[\\w.\\-]+:\\d+(,[\\w.\\-]+:\\d+)*");
    }
}

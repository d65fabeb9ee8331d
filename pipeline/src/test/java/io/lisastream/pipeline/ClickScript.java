package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A fixed, seeded sequence of valid clicks (users interleaved, every item known to the test
 * models "item-0".."item-(N-1)", event time T0 + position seconds), sent to a topic keyed by user
 * so a user's clicks keep their order. The same script sent twice gives the same per-user input.
 */
record ClickScript(List<String> users, List<Click> clicks) {
    static final long T0 = 978_300_760_000L;

    record Click(String user, String item, long timestamp) {
    }

    /** {@code count} clicks over {@code userCount} users ("user-0".."user-(k-1)"), items from {@code numItems}. */
    static ClickScript of(int userCount, int count, int numItems, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> users = new ArrayList<>();
        for (int u = 0; u < userCount; u++) {
            users.add("user-" + u);
        }
        List<Click> clicks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clicks.add(new Click(users.get(rnd.nextInt(userCount)), "item-" + rnd.nextInt(numItems), T0 + i * 1000L));
        }
        return new ClickScript(List.copyOf(users), List.copyOf(clicks));
    }

    static String json(String user, String item, long timestamp) {
        return "{\"userId\": \"" + user + "\", \"itemId\": \"" + item + "\", \"timestamp\": " + timestamp + "}";
    }

    /** Clicks [from, to) of the script. */
    ClickScript slice(int from, int to) {
        return new ClickScript(users, clicks.subList(from, to));
    }

    int size() {
        return clicks.size();
    }

    /** Each user's items in order. */
    Map<String, List<String>> histories() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (Click c : clicks) {
            h.computeIfAbsent(c.user(), k -> new ArrayList<>()).add(c.item());
        }
        return h;
    }

    /** Sends every click, in order, keyed by user; waits until all are acknowledged. */
    void send(String bootstrapServers, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrapServers)) {
            for (Click c : clicks) {
                p.send(new ProducerRecord<>(topic, c.user().getBytes(UTF_8), json(c.user(), c.item(), c.timestamp()).getBytes(UTF_8)));
            }
            p.flush();
        }
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}

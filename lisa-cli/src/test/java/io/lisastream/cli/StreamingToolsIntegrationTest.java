package io.lisastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lisastream.cli.kafka.KafkaClients;
import io.lisastream.kafka.EmbeddedKafka;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.operator.ModelAnnouncement;
import io.lisastream.operator.Recommendation;
import io.lisastream.pipeline.DeadLetter;
import io.lisastream.pipeline.Parsed;
import io.lisastream.pipeline.WireJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay, publish-model and tail against a real broker (Kafka's KRaft test kit in this JVM). */
class StreamingToolsIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static Properties client() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", kafka.bootstrapServers());
        return p;
    }

    /** Every committed record of the topic, from the beginning. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.committedReader(client(), "test")) {
            KafkaClients.assignAll(c, topic);
            c.seekToBeginning(c.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            c.poll(Duration.ofMillis(300)).forEach(out::add); // nothing more than expected
        }
        return out;
    }

    @Test
    void replaySendsEveryClickKeyedByUserInTimeOrder() throws Exception {
        kafka.createTopics(3, "replay-clicks");
        Path csv = dir.resolve("clicks.csv");
        Files.writeString(csv, "user,item,timestamp_ms\n"
                + "u1,a,3000\nu2,b,1000\nu1,c,1000\nu2,d,5000\nu3,e,2000\n");

        CliRun run = CliRun.of("replay", "--bootstrap", kafka.bootstrapServers(), "--topic", "replay-clicks",
                "--data", csv.toString(), "--rate", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("records").asLong()).isEqualTo(5);

        List<ConsumerRecord<byte[], byte[]>> records = readAll("replay-clicks", 5);
        assertThat(records).hasSize(5);
        Map<String, List<String>> perUser = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode click = JSON.readTree(r.value());
            String user = click.get("userId").asText();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(user);
            perUser.computeIfAbsent(user, k -> new ArrayList<>())
                    .add(click.get("itemId").asText() + "@" + click.get("timestamp").asLong());
        }
        assertThat(perUser.get("u1")).containsExactly("c@1000", "a@3000");
        assertThat(perUser.get("u2")).containsExactly("b@1000", "d@5000");
        assertThat(perUser.get("u3")).containsExactly("e@2000");
    }

    @Test
    void replayOfRawEventsSendsEachLineAsItIs() throws Exception {
        kafka.createTopics(1, "replay-raw");
        List<String> lines = List.of("{\"userId\":\"1\",\"itemId\":\"2\",\"timestamp\":3}", "{broken", "", "[1,2]");
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");

        CliRun run = CliRun.of("replay", "--bootstrap", kafka.bootstrapServers(), "--topic", "replay-raw",
                "--events", file.toString(), "--rate", "500");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> values = readAll("replay-raw", 4).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(values).containsExactlyElementsOf(lines);
    }

    @Test
    void publishModelAnnouncesAVerifiedArtifactWithItsManifestDigest() throws Exception {
        kafka.createTopics(1, "models-ok");
        Path model = ModelCommandsTest.numpyArtifact("lisa-base");
        CliRun run = CliRun.of("publish-model", "--bootstrap", kafka.bootstrapServers(), "--topic", "models-ok",
                "--model", model.toString(), "--uri", "file:///models/v1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode printed = JSON.readTree(run.out());

        List<ConsumerRecord<byte[], byte[]>> records = readAll("models-ok", 1);
        assertThat(records).hasSize(1);
        Parsed<ModelAnnouncement> a = WireJson.parseModelAnnouncement(records.get(0).value());
        assertThat(a.isOk()).as(a.toString()).isTrue();
        assertThat(a.value().sha256).isEqualTo(ModelArtifact.manifestSha256(model));
        assertThat(a.value().uri).isEqualTo("file:///models/v1");
        assertThat(a.value().version).isEqualTo(ModelArtifact.read(model).config().version());
        assertThat(printed.get("sha256").asText()).isEqualTo(a.value().sha256);
        assertThat(printed.get("offset").asLong()).isZero();

        // without --uri: the directory's own file: URI
        CliRun local = CliRun.of("publish-model", "--bootstrap", kafka.bootstrapServers(), "--topic", "models-ok",
                "--model", model.toString());
        assertThat(JSON.readTree(local.out()).get("uri").asText())
                .isEqualTo("file://" + model.toAbsolutePath().normalize());
    }

    @Test
    void publishModelRefusesABrokenArtifactAndSendsNothing() throws Exception {
        kafka.createTopics(1, "models-broken");
        Path copy = dir.resolve("broken");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(ModelCommandsTest.numpyArtifact("lisa-base"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        byte[] pos = Files.readAllBytes(copy.resolve("pos.npy"));
        pos[pos.length - 1] ^= 0x55;
        Files.write(copy.resolve("pos.npy"), pos);

        CliRun run = CliRun.of("publish-model", "--bootstrap", kafka.bootstrapServers(), "--topic", "models-broken",
                "--model", copy.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("lisa publish-model: ").contains("pos.npy");
        assertThat(run.out()).isEmpty();
        assertThat(readAll("models-broken", 0)).isEmpty();
    }

    @Test
    void tailShowsOnlyCommittedRecordsReadably() throws Exception {
        kafka.createTopics(2, "tail-out");
        Properties p = client();
        p.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tail-test");
        byte[] rec1 = WireJson.recommendation(new Recommendation("7", 1000L, "v1", 1, new String[] {"10", "11"},
                new float[] {2f, 1f}, 0L));
        byte[] aborted = WireJson.recommendation(new Recommendation("8", 1000L, "v1", 1, new String[] {"99"},
                new float[] {1f}, 0L));
        DeadLetter d = new DeadLetter();
        d.error = "not valid JSON";
        d.raw = "{broken";
        d.topic = "clicks";
        byte[] dead = WireJson.deadLetter(d);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tail-out", "7".getBytes(StandardCharsets.UTF_8), rec1));
            producer.send(new ProducerRecord<>("tail-out", null, dead));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tail-out", "8".getBytes(StandardCharsets.UTF_8), aborted));
            producer.flush();
            producer.abortTransaction();
        }

        CliRun run = CliRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tail-out",
                "--from-beginning", "--idle-timeout", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactlyInAnyOrder(
                "user 7  click #1  at 1970-01-01T00:00:01Z  model v1  -> 10 (2.000), 11 (1.000)",
                "DEAD LETTER clicks-0@0: not valid JSON  | raw: {broken");

        CliRun json = CliRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tail-out",
                "--from-beginning", "--json", "--max", "2", "--idle-timeout", "10");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out().lines().toList()).containsExactlyInAnyOrder(
                new String(rec1, StandardCharsets.UTF_8), new String(dead, StandardCharsets.UTF_8));
    }

    @Test
    void aMissingTopicIsAOneLineError() {
        CliRun run = CliRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "no-such-topic",
                "--idle-timeout", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("lisa tail: topic 'no-such-topic' does not exist");
    }
}

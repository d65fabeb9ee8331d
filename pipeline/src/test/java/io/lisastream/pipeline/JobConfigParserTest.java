package io.lisastream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags, the properties file, validation with clear errors, and Kafka secrets that never show. */
class JobConfigParserTest {
    private static final String SECRET = "pa55-w0rd-7f3a9c";
    private static final String[] REQUIRED = {"--bootstrap-servers", "broker:9092", "--checkpoint-dir", "file:///data/cp",
            "--allowed-model-roots", "file:///models"};

    @TempDir
    Path dir;

    private static String[] with(String... more) {
        String[] all = new String[REQUIRED.length + more.length];
        System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
        System.arraycopy(more, 0, all, REQUIRED.length, more.length);
        return all;
    }

    private static List<String> problems(String... args) {
        try {
            JobConfigParser.parse(args);
        } catch (JobConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a JobConfigException");
    }

    private Path secretKafkaFile() throws IOException {
        return Files.writeString(dir.resolve("client.properties"), String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"lisa\" password=\"" + SECRET + "\";",
                "ssl.truststore.password=" + SECRET));
    }

    @Test
    void requiredFlagsAndDefaults() {
        JobConfig c = JobConfigParser.parse(REQUIRED);
        assertThat(c.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(c.clicksTopic()).isEqualTo("clicks");
        assertThat(c.recommendationsTopic()).isEqualTo("recommendations");
        assertThat(c.modelsTopic()).isEqualTo("models");
        assertThat(c.deadLettersTopic()).isEqualTo("dead-letters");
        assertThat(c.groupId()).isEqualTo("lisa-pipeline");
        assertThat(c.clicksStartingOffsets()).isEqualTo(JobConfig.StartingOffsets.COMMITTED);
        assertThat(c.parallelism()).isNull();
        assertThat(c.maxParallelism()).isEqualTo(128);
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.checkpointDir()).isEqualTo("file:///data/cp");
        assertThat(c.savepointDir()).isNull();
        assertThat(c.fromSavepoint()).isNull();
        assertThat(c.stateTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(c.topK()).isEqualTo(10);
        assertThat(c.allowedModelRoots()).containsExactly("file:///models/");
        assertThat(c.kafkaProperties().isEmpty()).isTrue();
    }

    @Test
    void everyFlag() {
        JobConfig c = JobConfigParser.parse(with("--clicks-topic", "c", "--recommendations-topic", "r", "--models-topic=m",
                "--dead-letters-topic", "d", "--group-id", "g", "--transactional-id-prefix", "tx", "--clicks-starting-offsets",
                "LATEST", "--transaction-timeout", "5min", "--parallelism", "4", "--max-parallelism", "256",
                "--checkpoint-interval", "30 s", "--savepoint-dir", "/data/sp", "--restart-attempts", "3", "--restart-delay",
                "500ms", "--top-k", "20", "--ring-size", "300", "--exclude-last", "0", "--state-ttl", "7d",
                "--out-of-orderness", "2s", "--idleness", "0"));
        assertThat(List.of(c.clicksTopic(), c.recommendationsTopic(), c.modelsTopic(), c.deadLettersTopic(), c.groupId(),
                c.transactionalIdPrefix())).containsExactly("c", "r", "m", "d", "g", "tx");
        assertThat(c.clicksStartingOffsets()).isEqualTo(JobConfig.StartingOffsets.LATEST);
        assertThat(c.transactionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.parallelism()).isEqualTo(4);
        assertThat(c.maxParallelism()).isEqualTo(256);
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.savepointDir()).isEqualTo("file:///data/sp");
        assertThat(c.restartAttempts()).isEqualTo(3);
        assertThat(c.restartDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(List.of(c.topK(), c.ringSize(), c.excludeLast())).containsExactly(20, 300, 0);
        assertThat(c.stateTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(c.outOfOrderness()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.idleness()).isZero();
    }

    @Test
    void propertiesFileWithFlagsWinning() throws IOException {
        Path kafka = secretKafkaFile();
        Path file = Files.writeString(dir.resolve("job.properties"), String.join("\n",
                "# the job",
                "bootstrap-servers = a:1,b:2",
                "checkpoint-dir = s3://bucket/cp",
                "allowed-model-roots = file:///models/, /srv/models",
                "top-k = 5",
                "ring-size = 64",
                "kafka-properties = " + kafka.getFileName()));
        JobConfig c = JobConfigParser.parse("--config", file.toString(), "--top-k", "7");
        assertThat(c.bootstrapServers()).isEqualTo("a:1,b:2");
        assertThat(c.checkpointDir()).isEqualTo("s3://bucket/cp");
        assertThat(c.allowedModelRoots()).containsExactly("file:///models/", "file:///srv/models/");
        assertThat(c.topK()).isEqualTo(7);
        assertThat(c.ringSize()).isEqualTo(64);
        // kafka-properties resolved next to the config file
        assertThat(c.kafkaProperties().keys()).containsExactly("sasl.jaas.config", "sasl.mechanism", "security.protocol",
                "ssl.truststore.password");
        assertThat(c.kafkaProperties().toProperties().getProperty("ssl.truststore.password")).isEqualTo(SECRET);
    }

    @Test
    void bootstrapServersMayComeFromTheKafkaFile() throws IOException {
        Path kafka = Files.writeString(dir.resolve("k.properties"), "bootstrap.servers=k1:9093\nsecurity.protocol=SSL\n");
        JobConfig c = JobConfigParser.parse("--kafka-properties", kafka.toString(), "--checkpoint-dir", "/cp",
                "--allowed-model-roots", "/models");
        assertThat(c.bootstrapServers()).isEqualTo("k1:9093");
        assertThat(problems("--kafka-properties", kafka.toString(), "--bootstrap-servers", "other:1", "--checkpoint-dir", "/cp",
                "--allowed-model-roots", "/models"))
                .singleElement().asString().contains("differs from bootstrap.servers");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsOption() {
        List<String> p = problems("--top-k", "zero", "--state-ttl", "forever", "--ring-size", "10", "--exclude-last", "11",
                "--clicks-topic", "bad topic", "--models-topic", "recommendations", "--parallelism", "200",
                "--checkpoint-interval", "1min", "--transaction-timeout", "30s", "--checkpoint-dir", "relative/dir");
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("--top-k: expected an integer").contains("\"zero\""));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("--state-ttl: expected a duration"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("--exclude-last: must be between 0 and ring-size (10), got 11"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("--clicks-topic: \"bad topic\" is not a valid Kafka topic name"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("topic recommendations is used for two purposes"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("--parallelism: must be between 1 and max-parallelism (128), got 200"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("--transaction-timeout (PT30S) must be longer than --checkpoint-interval"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("--checkpoint-dir: \"relative/dir\" is neither an absolute path nor a URI"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("--bootstrap-servers: required"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("--allowed-model-roots: required"));
    }

    @Test
    void unknownRepeatedAndDanglingArguments() throws IOException {
        assertThat(problems(with("--topk", "3"))).containsExactly("unknown option --topk (see --help)");
        assertThat(problems(with("--top-k", "3", "--top-k", "4"))).containsExactly("--top-k: given more than once");
        assertThat(problems(with("extra"))).singleElement().asString().startsWith("unexpected argument \"extra\"");
        assertThat(problems(with("--top-k"))).containsExactly("--top-k: needs a value");
        Path file = Files.writeString(dir.resolve("j.properties"), "topk=3\nsecurity.protocol=SSL\n");
        assertThat(problems(with("--config", file.toString()))).containsExactly(
                file + ": unknown key security.protocol (Kafka client properties go into --kafka-properties)",
                file + ": unknown key topk");
        assertThat(problems(with("--config", dir.resolve("missing").toString())))
                .containsExactly("--config " + dir.resolve("missing") + ": no such file");
    }

    @Test
    void kafkaFileProblemsNameTheKeyButNeverTheValue() throws IOException {
        Path kafka = Files.writeString(dir.resolve("bad.properties"), "group.id=" + SECRET + "\ntransactional.id=" + SECRET
                + "\nsasl.jaas.config=" + SECRET + "\n");
        List<String> p = problems(with("--kafka-properties", kafka.toString()));
        assertThat(p).containsExactlyInAnyOrder(
                "--kafka-properties " + kafka + ": property group.id is set by the job and must not be given here (use --group-id)",
                "--kafka-properties " + kafka + ": property transactional.id is set by the job and must not be given here");
        assertThat(String.join("\n", p)).doesNotContain(SECRET);
        assertThat(problems(with("--kafka-properties", dir.resolve("nope").toString())))
                .containsExactly("--kafka-properties " + dir.resolve("nope") + ": no such file");
    }

    @Test
    void secretsNeverAppearInToStringOrMessages() throws IOException {
        JobConfig c = JobConfigParser.parse(with("--kafka-properties", secretKafkaFile().toString()));
        assertThat(c.toString()).doesNotContain(SECRET)
                .contains("kafka-properties=" + dir.resolve("client.properties"))
                .contains("sasl.jaas.config").contains("(values not shown)");
        assertThat(c.kafkaProperties().toString()).doesNotContain(SECRET);
        // a configuration error after the Kafka file was read does not show it either
        JobConfigException e = org.junit.jupiter.api.Assertions.assertThrows(JobConfigException.class,
                () -> JobConfigParser.parse(with("--kafka-properties", secretKafkaFile().toString(), "--top-k", "0")));
        assertThat(e.getMessage()).contains("--top-k").doesNotContain(SECRET);
    }

    @Test
    void theOperatorsOwnChecksApplyAndStateTtlZeroKeepsStateForever() {
        assertThat(problems("--bootstrap-servers", "b:1", "--checkpoint-dir", "/cp", "--allowed-model-roots", "file:///models?x=1"))
                .singleElement().asString().startsWith("LISA operator settings: allowed model root");
        JobConfig c = JobConfigParser.parse(with("--state-ttl", "0"));
        assertThat(c.stateTtl()).isZero();
        assertThat(LisaStage.operatorConfig(c).hasStateTtl()).isFalse();
        assertThat(LisaStage.operatorConfig(JobConfigParser.parse(REQUIRED)).allowedModelRoots()).containsExactly("file:///models/");
    }

    @Test
    void kafkaPropertiesInCodeAreCheckedToo() {
        assertThatThrownBy(() -> KafkaClientProperties.of(Map.of("value.serializer", "x")))
                .isInstanceOf(JobConfigException.class).hasMessageContaining("value.serializer is set by the job");
    }

    @Test
    void helpAndErrorsOfTheEntryPoint() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(LisaJob.configure(new String[] {"--help"}, new PrintStream(out), new PrintStream(err))).isNull();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--bootstrap-servers").contains("--kafka-properties")
                .contains("--allowed-model-roots").contains("--exclude-last");
        assertThat(LisaJob.configure(new String[] {"--top-k", "0"}, new PrintStream(out), new PrintStream(err))).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--top-k: must be between 1 and 10000, got 0")
                .contains("--checkpoint-dir: required");
        assertThat(LisaJob.configure(REQUIRED, new PrintStream(out), new PrintStream(err))).isNotNull();
    }

    @Test
    void flinkSettings() {
        Configuration f = FlinkSettings.of(JobConfigParser.parse(with("--parallelism", "3", "--max-parallelism", "64",
                "--savepoint-dir", "file:///data/sp", "--restart-attempts", "4", "--restart-delay", "2s",
                "--from-savepoint", "/data/sp/savepoint-1a2b")));
        assertThat(f.get(PipelineOptions.AUTO_GENERATE_UIDS)).isFalse();
        assertThat(f.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(f.get(PipelineOptions.MAX_PARALLELISM)).isEqualTo(64);
        assertThat(f.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(3);
        assertThat(f.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(f.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(f.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(f.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///data/cp");
        assertThat(f.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isEqualTo("file:///data/sp");
        assertThat(f.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo("file:///data/sp/savepoint-1a2b");
        assertThat(FlinkSettings.of(JobConfigParser.parse(REQUIRED)).getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();
        assertThat(f.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(f.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isEqualTo(4);
        assertThat(f.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY)).isEqualTo(Duration.ofSeconds(2));
    }
}

package io.lisastream.cli.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class KafkaOptionsTest {
    @TempDir
    Path dir;

    @Command
    static final class Holder {
        @Mixin
        KafkaOptions kafka;
    }

    private static KafkaOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.kafka;
    }

    @Test
    void bootstrapFlagWinsOverTheFileWhichWinsOverTheDefault() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=broker-a:9093\nsecurity.protocol=SASL_SSL\n");
        assertThat(parse().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(parse("--kafka-properties", file.toString()).bootstrapServers()).isEqualTo("broker-a:9093");
        Properties p = parse("--kafka-properties", file.toString(), "--bootstrap", "b:1").clientProperties();
        assertThat(p.getProperty("bootstrap.servers")).isEqualTo("b:1");
        assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    }

    @Test
    void anUnreadableFileIsNamedButItsContentNeverQuoted() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "sasl.jaas.config=hunter2 \\u00zz\n");
        assertThatThrownBy(() -> parse("--kafka-properties", file.toString()).clientProperties())
                .hasMessageContaining("bad.properties").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse("--kafka-properties", dir.resolve("none").toString()).clientProperties())
                .hasMessageContaining("no such file");
    }
}

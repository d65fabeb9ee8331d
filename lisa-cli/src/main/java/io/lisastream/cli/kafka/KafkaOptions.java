package io.lisastream.cli.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * Where Kafka is and how to talk to it, shared by every command that uses Kafka (a picocli mixin).
 * Client properties (SASL, SSL, ...) come from {@code --kafka-properties FILE}; their values are
 * never logged or printed, only their keys. {@code --bootstrap} wins over the file's
 * {@code bootstrap.servers}; with neither, {@value #DEFAULT_BOOTSTRAP}.
 */
public final class KafkaOptions {
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: the properties file's bootstrap.servers, else "
                    + DEFAULT_BOOTSTRAP + ").")
    String bootstrap;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Kafka client properties file (security.protocol, sasl.*, ssl.*, ...); values are never logged.")
    Path propertiesFile;

    public KafkaOptions() {
    }

    /** For callers outside picocli (the demo): a broker address and no properties file. */
    public static KafkaOptions of(String bootstrap) {
        KafkaOptions o = new KafkaOptions();
        o.bootstrap = bootstrap;
        return o;
    }

    /** The client properties: the file's, then bootstrap.servers. A fresh copy on every call. */
    public Properties clientProperties() {
        Properties p = new Properties();
        if (propertiesFile != null) {
            try (InputStream in = Files.newInputStream(propertiesFile)) {
                p.load(in);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--kafka-properties: no such file " + propertiesFile);
            } catch (IOException | IllegalArgumentException e) {
                // the message of a properties parse error may quote the file's content: keep it out
                throw new IllegalArgumentException("--kafka-properties: cannot read " + propertiesFile + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        if (bootstrap != null) {
            p.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        } else if (!p.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            p.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP);
        }
        return p;
    }

    /** bootstrap.servers as it will be used (safe to log: an address, not a secret). */
    public String bootstrapServers() {
        return clientProperties().getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** The properties file, or null. */
    public Path propertiesFile() {
        return propertiesFile;
    }
}

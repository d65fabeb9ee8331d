package io.lisastream.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kafka client properties passed through unchanged to every consumer and producer of the job, e.g.
 * {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.location},
 * {@code ssl.truststore.password}. Read from a properties file (UTF-8).
 *
 * <p>The values may be secrets: nothing in this class ever puts a value into a message, a log line
 * or {@link #toString()} (only the keys). The properties the job sets itself (serializers, group and
 * transactional ids, offset committing) are refused, so they cannot silently break exactly-once.
 */
public final class KafkaClientProperties {
    /** Set by the job; a file must not set them. */
    static final Set<String> RESERVED = Set.of("key.serializer", "value.serializer", "key.deserializer",
            "value.deserializer", "group.id", "transactional.id", "enable.auto.commit", "enable.idempotence");

    private static final KafkaClientProperties NONE = new KafkaClientProperties(null, Map.of());

    private final Path file;
    private final Map<String, String> values;

    private KafkaClientProperties(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** No extra properties. */
    public static KafkaClientProperties none() {
        return NONE;
    }

    /** Properties given in code (tests, the demo). Same checks as a file. */
    public static KafkaClientProperties of(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        Map<String, String> copy = checked(values, "Kafka client properties", problems);
        if (!problems.isEmpty()) {
            throw new JobConfigException(problems);
        }
        return new KafkaClientProperties(null, copy);
    }

    /**
     * Reads a properties file.
     *
     * @throws JobConfigException naming the file (and the key, never the value) when it cannot be used
     */
    public static KafkaClientProperties load(Path file) {
        String where = "--kafka-properties " + file;
        if (!Files.isRegularFile(file)) {
            throw new JobConfigException(where + ": no such file");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (MalformedInputException e) {
            throw new JobConfigException(where + ": not valid UTF-8");
        } catch (IOException | IllegalArgumentException e) {
            // the message of a properties parse error may quote the offending text: do not repeat it
            throw new JobConfigException(where + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> raw = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            raw.put(key, p.getProperty(key));
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> copy = checked(raw, where, problems);
        if (!problems.isEmpty()) {
            throw new JobConfigException(problems);
        }
        return new KafkaClientProperties(file, copy);
    }

    private static Map<String, String> checked(Map<String, String> values, String where, List<String> problems) {
        Map<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey() == null ? "" : e.getKey().trim();
            if (key.isEmpty()) {
                problems.add(where + ": a property has an empty key");
            } else if (RESERVED.contains(key)) {
                problems.add(where + ": property " + key + " is set by the job and must not be given here"
                        + (key.equals("group.id") ? " (use --group-id)" : ""));
            } else if (e.getValue() == null) {
                problems.add(where + ": property " + key + " has no value");
            } else {
                copy.put(key, e.getValue().trim());
            }
        }
        return copy;
    }

    /** A fresh copy, for a client builder. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(values);
        return p;
    }

    /** The value of {@code key}, or null. Callers must not log it. */
    public String get(String key) {
        return values.get(key);
    }

    public Set<String> keys() {
        return new TreeSet<>(values.keySet());
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Keys only; values are never shown. */
    @Override
    public String toString() {
        return (file == null ? "" : file + " ") + "keys=" + keys() + " (values not shown)";
    }
}

package io.lisastream.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.flink.util.TimeUtils;

/**
 * Builds a {@link JobConfig} from command-line flags and an optional properties file.
 *
 * <pre>
 *   --config FILE             properties file whose keys are the option names below without "--"
 *                             (e.g. top-k=20); flags given on the command line win over it
 *   --kafka-properties FILE   Kafka client properties (SASL/SSL...) passed to every client; never logged
 *   --OPTION VALUE | --OPTION=VALUE   any option of {@link #usage()}
 * </pre>
 *
 * Every problem is reported at once in a {@link JobConfigException}, each naming its option (and the
 * file for values read from one).
 */
public final class JobConfigParser {
    /** Names the job knows; their order is the order of the usage text. */
    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    static {
        add("bootstrap-servers", "HOST:PORT,...", "Kafka bootstrap servers (required, unless bootstrap.servers is in --kafka-properties)",
                (b, v) -> b.bootstrapServers(v));
        add("clicks-topic", "TOPIC", "click events in (default clicks)", (b, v) -> b.clicksTopic(v));
        add("recommendations-topic", "TOPIC", "recommendations out (default recommendations)", (b, v) -> b.recommendationsTopic(v));
        add("models-topic", "TOPIC", "model announcements in (default models)", (b, v) -> b.modelsTopic(v));
        add("dead-letters-topic", "TOPIC", "refused records out (default dead-letters)", (b, v) -> b.deadLettersTopic(v));
        add("group-id", "ID", "Kafka consumer group id (default lisa-pipeline)", (b, v) -> b.groupId(v));
        add("transactional-id-prefix", "PREFIX", "prefix of the sinks' Kafka transactional ids, unique per job (default lisa-pipeline)",
                (b, v) -> b.transactionalIdPrefix(v));
        add("clicks-starting-offsets", "committed|earliest|latest",
                "where clicks are read from on a fresh start (default committed: the group's offsets, else earliest)",
                (b, v) -> b.clicksStartingOffsets(startingOffsets(v)));
        add("transaction-timeout", "DURATION", "Kafka transaction timeout, at most the broker's transaction.max.timeout.ms (default 15min)",
                (b, v) -> b.transactionTimeout(duration(v)));
        add("parallelism", "N", "parallelism (default: the cluster's)", (b, v) -> b.parallelism(integer(v)));
        add("max-parallelism", "N", "key groups: the largest parallelism the state can be rescaled to (default 128)",
                (b, v) -> b.maxParallelism(integer(v)));
        add("checkpoint-interval", "DURATION", "checkpoint (and output commit) interval (default 10s)", (b, v) -> b.checkpointInterval(duration(v)));
        add("checkpoint-dir", "URI", "checkpoint directory, e.g. file:///data/checkpoints or s3://bucket/checkpoints (required)",
                (b, v) -> b.checkpointDir(v));
        add("savepoint-dir", "URI", "default savepoint directory (default none)", (b, v) -> b.savepointDir(v));
        add("from-savepoint", "URI", "start from this savepoint or retained checkpoint (default: a fresh start)",
                (b, v) -> b.fromSavepoint(v));
        add("restart-attempts", "N", "restarts after failures before the job gives up (fixed delay; default 10)",
                (b, v) -> b.restartAttempts(integer(v)));
        add("restart-delay", "DURATION", "wait before a restart (default 10s)", (b, v) -> b.restartDelay(duration(v)));
        add("top-k", "K", "items per recommendation (default 10)", (b, v) -> b.topK(integer(v)));
        add("ring-size", "N", "recent items kept per user (default 200)", (b, v) -> b.ringSize(integer(v)));
        add("exclude-last", "N", "do not recommend the user's last N items; 0 = off (default 50)", (b, v) -> b.excludeLast(integer(v)));
        add("state-ttl", "DURATION", "drop a user's state after this long without clicks; 0 = never (default 30d)", (b, v) -> b.stateTtl(duration(v)));
        add("allowed-model-roots", "URI,...", "directories models may be loaded from, e.g. file:///models (required)",
                (b, v) -> b.allowedModelRoots(list(v)));
        add("out-of-orderness", "DURATION", "how late a click may be behind the newest (default 5s)", (b, v) -> b.outOfOrderness(duration(v)));
        add("idleness", "DURATION", "a source subtask without clicks this long stops holding watermarks; 0 = off (default 1min)",
                (b, v) -> b.idleness(duration(v)));
    }

    private JobConfigParser() {
    }

    /** True when the arguments ask for the usage text. */
    public static boolean wantsHelp(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    /**
     * Parses flags (and the files they name) into a validated configuration.
     *
     * @throws JobConfigException listing every problem
     */
    public static JobConfig parse(String... args) {
        List<String> problems = new ArrayList<>();
        Map<String, String> flags = flags(args, problems);
        String configFile = flags.remove("config");
        String kafkaFile = flags.remove("kafka-properties");

        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        if (configFile != null) {
            Path file = Path.of(configFile);
            Map<String, String> fromFile = readConfigFile(file, problems);
            String kafkaInFile = fromFile.remove("kafka-properties");
            if (kafkaFile == null && kafkaInFile != null) {
                Path k = Path.of(kafkaInFile);
                Path dir = file.toAbsolutePath().getParent();
                kafkaFile = (k.isAbsolute() || dir == null ? k : dir.resolve(k)).toString();
            }
            for (Map.Entry<String, String> e : fromFile.entrySet()) {
                values.put(e.getKey(), e.getValue());
                origin.put(e.getKey(), configFile + ": " + e.getKey());
            }
        }
        for (Map.Entry<String, String> e : flags.entrySet()) {
            values.put(e.getKey(), e.getValue());
            origin.put(e.getKey(), "--" + e.getKey());
        }

        JobConfig.Builder b = JobConfig.builder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Option o = OPTIONS.get(e.getKey());
            try {
                o.apply.accept(b, e.getValue());
            } catch (BadValue bad) {
                problems.add(origin.get(e.getKey()) + ": " + bad.getMessage() + ", got \"" + e.getValue() + "\"");
            }
        }
        if (kafkaFile != null) {
            try {
                b.kafkaProperties(KafkaClientProperties.load(Path.of(kafkaFile)));
            } catch (JobConfigException e) {
                problems.addAll(e.problems());
            }
        }
        try {
            JobConfig config = b.build();
            if (problems.isEmpty()) {
                return config;
            }
        } catch (JobConfigException e) {
            problems.addAll(e.problems()); // options whose value could not be read keep their default here
        }
        throw new JobConfigException(problems);
    }

    /** The options, one a line, for --help. */
    public static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("  --config FILE                  properties file with any option below as key=value (flags win)\n");
        sb.append("  --kafka-properties FILE        Kafka client properties (security.protocol, sasl.*, ssl.*); values never logged\n");
        for (Option o : OPTIONS.values()) {
            String left = "--" + o.name + " " + o.arg;
            sb.append("  ").append(left).append(" ".repeat(Math.max(1, 31 - left.length()))).append(o.help).append('\n');
        }
        sb.append("  DURATION: 500ms, 10s, 5min, 2h, 30d\n");
        return sb.toString();
    }

    private static Map<String, String> flags(String[] args, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                problems.add("unexpected argument \"" + a + "\": options look like --name value or --name=value (see --help)");
                continue;
            }
            String name;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else {
                name = a.substring(2);
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    problems.add("--" + name + ": needs a value");
                    continue;
                }
                value = args[++i];
            }
            if (!OPTIONS.containsKey(name) && !name.equals("config") && !name.equals("kafka-properties")) {
                problems.add("unknown option --" + name + " (see --help)");
            } else if (out.put(name, value) != null) {
                problems.add("--" + name + ": given more than once");
            }
        }
        return out;
    }

    private static Map<String, String> readConfigFile(Path file, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            problems.add("--config " + file + ": no such file");
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            problems.add("--config " + file + ": cannot be read: " + e.getMessage());
            return out;
        }
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            if (OPTIONS.containsKey(key) || key.equals("kafka-properties")) {
                out.put(key, p.getProperty(key).trim());
            } else {
                problems.add(file + ": unknown key " + key + (key.contains(".") ? " (Kafka client properties go into --kafka-properties)" : ""));
            }
        }
        return out;
    }

    private static int integer(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new BadValue("expected an integer");
        }
    }

    private static Duration duration(String v) {
        try {
            return TimeUtils.parseDuration(v.trim());
        } catch (RuntimeException e) {
            throw new BadValue("expected a duration such as 500ms, 10s, 5min, 2h or 30d");
        }
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        if (out.isEmpty()) {
            throw new BadValue("expected one or more comma-separated values");
        }
        return out;
    }

    private static JobConfig.StartingOffsets startingOffsets(String v) {
        try {
            return JobConfig.StartingOffsets.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadValue("expected committed, earliest or latest");
        }
    }

    private static void add(String name, String arg, String help, BiConsumer<JobConfig.Builder, String> apply) {
        OPTIONS.put(name, new Option(name, arg, help, apply));
    }

    private record Option(String name, String arg, String help, BiConsumer<JobConfig.Builder, String> apply) {
    }

    private static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }
}

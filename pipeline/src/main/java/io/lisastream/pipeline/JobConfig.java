package io.lisastream.pipeline;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the job needs to run, validated. Built with {@link #builder()} (in code) or by
 * {@link JobConfigParser} (flags and a properties file). Option names below are the flag names.
 *
 * <p>Kafka client properties (security, SASL/SSL...) are held in {@link KafkaClientProperties},
 * whose values are never shown: {@link #toString()} lists their keys only.
 */
public final class JobConfig {
    /** How the click source starts when the job starts without a checkpoint or savepoint. */
    public enum StartingOffsets {
        /** From the group's committed offsets; earliest where there are none. */
        COMMITTED,
        EARLIEST,
        LATEST
    }

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final String bootstrapServers;
    private final String clicksTopic;
    private final String recommendationsTopic;
    private final String modelsTopic;
    private final String deadLettersTopic;
    private final String groupId;
    private final String transactionalIdPrefix;
    private final StartingOffsets clicksStartingOffsets;
    private final Duration transactionTimeout;
    private final Integer parallelism;
    private final int maxParallelism;
    private final Duration checkpointInterval;
    private final String checkpointDir;
    private final String savepointDir;
    private final String fromSavepoint;
    private final int restartAttempts;
    private final Duration restartDelay;
    private final int topK;
    private final int ringSize;
    private final int excludeLast;
    private final Duration stateTtl;
    private final List<String> allowedModelRoots;
    private final Duration outOfOrderness;
    private final Duration idleness;
    private final KafkaClientProperties kafkaProperties;

    private JobConfig(Builder b, String bootstrap, String checkpointDir, String savepointDir, String fromSavepoint,
            List<String> roots) {
        this.bootstrapServers = bootstrap;
        this.clicksTopic = b.clicksTopic;
        this.recommendationsTopic = b.recommendationsTopic;
        this.modelsTopic = b.modelsTopic;
        this.deadLettersTopic = b.deadLettersTopic;
        this.groupId = b.groupId;
        this.transactionalIdPrefix = b.transactionalIdPrefix;
        this.clicksStartingOffsets = b.clicksStartingOffsets;
        this.transactionTimeout = b.transactionTimeout;
        this.parallelism = b.parallelism;
        this.maxParallelism = b.maxParallelism;
        this.checkpointInterval = b.checkpointInterval;
        this.checkpointDir = checkpointDir;
        this.savepointDir = savepointDir;
        this.fromSavepoint = fromSavepoint;
        this.restartAttempts = b.restartAttempts;
        this.restartDelay = b.restartDelay;
        this.topK = b.topK;
        this.ringSize = b.ringSize;
        this.excludeLast = b.excludeLast;
        this.stateTtl = b.stateTtl;
        this.allowedModelRoots = roots;
        this.outOfOrderness = b.outOfOrderness;
        this.idleness = b.idleness;
        this.kafkaProperties = b.kafkaProperties;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bootstrapServers = bootstrapServers;
        b.clicksTopic = clicksTopic;
        b.recommendationsTopic = recommendationsTopic;
        b.modelsTopic = modelsTopic;
        b.deadLettersTopic = deadLettersTopic;
        b.groupId = groupId;
        b.transactionalIdPrefix = transactionalIdPrefix;
        b.clicksStartingOffsets = clicksStartingOffsets;
        b.transactionTimeout = transactionTimeout;
        b.parallelism = parallelism;
        b.maxParallelism = maxParallelism;
        b.checkpointInterval = checkpointInterval;
        b.checkpointDir = checkpointDir;
        b.savepointDir = savepointDir;
        b.fromSavepoint = fromSavepoint;
        b.restartAttempts = restartAttempts;
        b.restartDelay = restartDelay;
        b.topK = topK;
        b.ringSize = ringSize;
        b.excludeLast = excludeLast;
        b.stateTtl = stateTtl;
        b.allowedModelRoots = allowedModelRoots;
        b.outOfOrderness = outOfOrderness;
        b.idleness = idleness;
        b.kafkaProperties = kafkaProperties;
        return b;
    }

    /** Kafka bootstrap servers, host:port[,host:port...]. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String clicksTopic() {
        return clicksTopic;
    }

    public String recommendationsTopic() {
        return recommendationsTopic;
    }

    /** The control topic carrying model announcements. */
    public String modelsTopic() {
        return modelsTopic;
    }

    public String deadLettersTopic() {
        return deadLettersTopic;
    }

    public String groupId() {
        return groupId;
    }

    /** Prefix of the Kafka transactional ids of the two exactly-once sinks (unique per job on a cluster). */
    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    public StartingOffsets clicksStartingOffsets() {
        return clicksStartingOffsets;
    }

    /** Kafka producer transaction timeout (at most the broker's transaction.max.timeout.ms). */
    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    /** Default parallelism, or null to leave it to the cluster. */
    public Integer parallelism() {
        return parallelism;
    }

    /** Number of key groups: the largest parallelism the keyed state can ever be rescaled to. */
    public int maxParallelism() {
        return maxParallelism;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** Checkpoint directory as a URI (file:///..., s3://...). */
    public String checkpointDir() {
        return checkpointDir;
    }

    /** Default savepoint directory as a URI, or null. */
    public String savepointDir() {
        return savepointDir;
    }

    /** Savepoint or retained checkpoint to start from (execution.state-recovery.path), or null for a fresh start. */
    public String fromSavepoint() {
        return fromSavepoint;
    }

    /** Fixed-delay restart strategy: attempts before the job fails for good. */
    public int restartAttempts() {
        return restartAttempts;
    }

    public Duration restartDelay() {
        return restartDelay;
    }

    /** K: recommendations per click. */
    public int topK() {
        return topK;
    }

    /** Most recent item ids kept per user. */
    public int ringSize() {
        return ringSize;
    }

    /** N: the user's last N clicked items are not recommended (0 = recommend them too). */
    public int excludeLast() {
        return excludeLast;
    }

    /** A user's state is dropped after this long without clicks; zero keeps it forever. */
    public Duration stateTtl() {
        return stateTtl;
    }

    /** URIs (directories) model artifacts may be loaded from, normalised, each ending in "/". */
    public List<String> allowedModelRoots() {
        return allowedModelRoots;
    }

    public Duration outOfOrderness() {
        return outOfOrderness;
    }

    /** Zero means idleness detection is off. */
    public Duration idleness() {
        return idleness;
    }

    public KafkaClientProperties kafkaProperties() {
        return kafkaProperties;
    }

    /** All settings; Kafka client properties by key only (their values may be secrets). */
    @Override
    public String toString() {
        return "JobConfig{bootstrap-servers=" + bootstrapServers
                + ", clicks-topic=" + clicksTopic
                + ", recommendations-topic=" + recommendationsTopic
                + ", models-topic=" + modelsTopic
                + ", dead-letters-topic=" + deadLettersTopic
                + ", group-id=" + groupId
                + ", transactional-id-prefix=" + transactionalIdPrefix
                + ", clicks-starting-offsets=" + clicksStartingOffsets.name().toLowerCase(java.util.Locale.ROOT)
                + ", transaction-timeout=" + transactionTimeout
                + ", parallelism=" + (parallelism == null ? "cluster default" : parallelism)
                + ", max-parallelism=" + maxParallelism
                + ", checkpoint-interval=" + checkpointInterval
                + ", checkpoint-dir=" + checkpointDir
                + ", savepoint-dir=" + savepointDir
                + ", from-savepoint=" + fromSavepoint
                + ", restart-attempts=" + restartAttempts
                + ", restart-delay=" + restartDelay
                + ", top-k=" + topK
                + ", ring-size=" + ringSize
                + ", exclude-last=" + excludeLast
                + ", state-ttl=" + stateTtl
                + ", allowed-model-roots=" + allowedModelRoots
                + ", out-of-orderness=" + outOfOrderness
                + ", idleness=" + idleness
                + ", kafka-properties=" + kafkaProperties
                + "}";
    }

    /** Collects settings; {@link #build()} checks them all and reports every problem at once. */
    public static final class Builder {
        private String bootstrapServers;
        private String clicksTopic = "clicks";
        private String recommendationsTopic = "recommendations";
        private String modelsTopic = "models";
        private String deadLettersTopic = "dead-letters";
        private String groupId = "lisa-pipeline";
        private String transactionalIdPrefix = "lisa-pipeline";
        private StartingOffsets clicksStartingOffsets = StartingOffsets.COMMITTED;
        private Duration transactionTimeout = Duration.ofMinutes(15);
        private Integer parallelism;
        private int maxParallelism = 128;
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private String checkpointDir;
        private String savepointDir;
        private String fromSavepoint;
        private int restartAttempts = 10;
        private Duration restartDelay = Duration.ofSeconds(10);
        private int topK = 10;
        private int ringSize = 200;
        private int excludeLast = 50;
        private Duration stateTtl = Duration.ofDays(30);
        private List<String> allowedModelRoots = List.of();
        private Duration outOfOrderness = Duration.ofSeconds(5);
        private Duration idleness = Duration.ofMinutes(1);
        private KafkaClientProperties kafkaProperties = KafkaClientProperties.none();

        private Builder() {
        }

        public Builder bootstrapServers(String v) {
            bootstrapServers = v;
            return this;
        }

        public Builder clicksTopic(String v) {
            clicksTopic = v;
            return this;
        }

        public Builder recommendationsTopic(String v) {
            recommendationsTopic = v;
            return this;
        }

        public Builder modelsTopic(String v) {
            modelsTopic = v;
            return this;
        }

        public Builder deadLettersTopic(String v) {
            deadLettersTopic = v;
            return this;
        }

        public Builder groupId(String v) {
            groupId = v;
            return this;
        }

        public Builder transactionalIdPrefix(String v) {
            transactionalIdPrefix = v;
            return this;
        }

        public Builder clicksStartingOffsets(StartingOffsets v) {
            clicksStartingOffsets = v;
            return this;
        }

        public Builder transactionTimeout(Duration v) {
            transactionTimeout = v;
            return this;
        }

        /** null leaves the parallelism to the cluster. */
        public Builder parallelism(Integer v) {
            parallelism = v;
            return this;
        }

        public Builder maxParallelism(int v) {
            maxParallelism = v;
            return this;
        }

        public Builder checkpointInterval(Duration v) {
            checkpointInterval = v;
            return this;
        }

        /** A URI (file:///..., s3://...) or an absolute local path. */
        public Builder checkpointDir(String v) {
            checkpointDir = v;
            return this;
        }

        public Builder checkpointDir(Path v) {
            return checkpointDir(v.toAbsolutePath().toUri().toString());
        }

        /** A URI or an absolute local path; null for none. */
        public Builder savepointDir(String v) {
            savepointDir = v;
            return this;
        }

        public Builder savepointDir(Path v) {
            return savepointDir(v.toAbsolutePath().toUri().toString());
        }

        /** A savepoint or retained checkpoint (URI or absolute path) to restore; null for a fresh start. */
        public Builder fromSavepoint(String v) {
            fromSavepoint = v;
            return this;
        }

        public Builder restartAttempts(int v) {
            restartAttempts = v;
            return this;
        }

        public Builder restartDelay(Duration v) {
            restartDelay = v;
            return this;
        }

        public Builder topK(int v) {
            topK = v;
            return this;
        }

        public Builder ringSize(int v) {
            ringSize = v;
            return this;
        }

        public Builder excludeLast(int v) {
            excludeLast = v;
            return this;
        }

        public Builder stateTtl(Duration v) {
            stateTtl = v;
            return this;
        }

        /** Each a URI (file:///models) or an absolute local path. */
        public Builder allowedModelRoots(List<String> v) {
            allowedModelRoots = v == null ? List.of() : List.copyOf(v);
            return this;
        }

        public Builder allowedModelRoot(Path v) {
            return allowedModelRoots(List.of(v.toAbsolutePath().toUri().toString()));
        }

        public Builder outOfOrderness(Duration v) {
            outOfOrderness = v;
            return this;
        }

        public Builder idleness(Duration v) {
            idleness = v;
            return this;
        }

        public Builder kafkaProperties(KafkaClientProperties v) {
            kafkaProperties = v == null ? KafkaClientProperties.none() : v;
            return this;
        }

        /**
         * Checks every setting.
         *
         * @throws JobConfigException listing every problem, each naming its option
         */
        public JobConfig build() {
            List<String> p = new ArrayList<>();
            String bootstrap = bootstrap(p);
            topic("clicks-topic", clicksTopic, p);
            topic("recommendations-topic", recommendationsTopic, p);
            topic("models-topic", modelsTopic, p);
            topic("dead-letters-topic", deadLettersTopic, p);
            Set<String> topics = new HashSet<>();
            for (String t : new String[] {clicksTopic, recommendationsTopic, modelsTopic, deadLettersTopic}) {
                if (t != null && !topics.add(t)) {
                    p.add("topic " + t + " is used for two purposes; clicks, recommendations, models and dead letters need four different topics");
                }
            }
            text("group-id", groupId, p);
            text("transactional-id-prefix", transactionalIdPrefix, p);
            if (clicksStartingOffsets == null) {
                p.add("--clicks-starting-offsets: must be committed, earliest or latest");
            }
            if (parallelism != null && (parallelism < 1 || parallelism > maxParallelism)) {
                p.add("--parallelism: must be between 1 and max-parallelism (" + maxParallelism + "), got " + parallelism);
            }
            if (maxParallelism < 1 || maxParallelism > 32768) {
                p.add("--max-parallelism: must be between 1 and 32768, got " + maxParallelism);
            }
            atLeast("checkpoint-interval", checkpointInterval, Duration.ofMillis(10), p);
            String cpDir = directoryUri("checkpoint-dir", checkpointDir, true, p);
            String spDir = directoryUri("savepoint-dir", savepointDir, false, p);
            String restore = directoryUri("from-savepoint", fromSavepoint, false, p);
            atLeast("transaction-timeout", transactionTimeout, Duration.ofSeconds(1), p);
            if (transactionTimeout != null && checkpointInterval != null && transactionTimeout.compareTo(checkpointInterval) <= 0) {
                p.add("--transaction-timeout (" + transactionTimeout + ") must be longer than --checkpoint-interval ("
                        + checkpointInterval + "): a transaction stays open from one checkpoint to the next");
            }
            if (restartAttempts < 0) {
                p.add("--restart-attempts: must be 0 or more, got " + restartAttempts);
            }
            atLeast("restart-delay", restartDelay, Duration.ZERO, p);
            if (topK < 1 || topK > 10_000) {
                p.add("--top-k: must be between 1 and 10000, got " + topK);
            }
            if (ringSize < 1 || ringSize > 100_000) {
                p.add("--ring-size: must be between 1 and 100000, got " + ringSize);
            }
            if (excludeLast < 0 || excludeLast > ringSize) {
                p.add("--exclude-last: must be between 0 and ring-size (" + ringSize + "), got " + excludeLast);
            }
            atLeast("state-ttl", stateTtl, Duration.ZERO, p);
            atLeast("out-of-orderness", outOfOrderness, Duration.ZERO, p);
            atLeast("idleness", idleness, Duration.ZERO, p);
            List<String> roots = new ArrayList<>();
            if (allowedModelRoots.isEmpty()) {
                p.add("--allowed-model-roots: required: the directories model artifacts may be loaded from, comma-separated, e.g. file:///models");
            }
            for (String root : allowedModelRoots) {
                String uri = directoryUri("allowed-model-roots", root, true, p);
                if (uri != null) {
                    roots.add(uri.endsWith("/") ? uri : uri + "/");
                }
            }
            if (!p.isEmpty()) {
                throw new JobConfigException(p);
            }
            JobConfig config = new JobConfig(this, bootstrap, cpDir, spDir, restore, List.copyOf(roots));
            try {
                LisaStage.operatorConfig(config); // the operator's own checks, e.g. of the model roots
            } catch (IllegalArgumentException e) {
                throw new JobConfigException("LISA operator settings: " + e.getMessage());
            }
            return config;
        }

        private String bootstrap(List<String> p) {
            String fromFile = kafkaProperties.get("bootstrap.servers");
            String given = bootstrapServers == null || bootstrapServers.isBlank() ? null : bootstrapServers.trim();
            if (given != null && fromFile != null && !given.equals(fromFile)) {
                p.add("--bootstrap-servers (" + given + ") differs from bootstrap.servers in the Kafka properties; give it once");
                return null;
            }
            String b = given != null ? given : fromFile;
            if (b == null || b.isEmpty()) {
                p.add("--bootstrap-servers: required (host:port[,host:port...]), or bootstrap.servers in --kafka-properties");
                return null;
            }
            for (String server : b.split(",")) {
                String s = server.trim();
                int colon = s.lastIndexOf(':');
                if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                    p.add("--bootstrap-servers: \"" + s + "\" is not host:port");
                }
            }
            return b;
        }

        private static void topic(String option, String v, List<String> p) {
            if (v == null || !TOPIC.matcher(v).matches() || v.equals(".") || v.equals("..")) {
                p.add("--" + option + ": \"" + v + "\" is not a valid Kafka topic name (1-249 of a-z A-Z 0-9 . _ -)");
            }
        }

        private static void text(String option, String v, List<String> p) {
            if (v == null || v.isBlank()) {
                p.add("--" + option + ": must not be empty");
            } else if (v.chars().anyMatch(Character::isISOControl)) {
                p.add("--" + option + ": must not contain control characters");
            }
        }

        private static void atLeast(String option, Duration v, Duration min, List<String> p) {
            if (v == null) {
                p.add("--" + option + ": required");
            } else if (v.compareTo(min) < 0) {
                p.add("--" + option + ": must be at least " + min + ", got " + v);
            }
        }

        /** A URI with a scheme, or an absolute path made a file: URI; null when absent (and not required) or wrong. */
        private static String directoryUri(String option, String v, boolean required, List<String> p) {
            if (v == null || v.isBlank()) {
                if (required) {
                    p.add("--" + option + ": required (a URI such as file:///data/lisa or s3://bucket/path, or an absolute path)");
                }
                return null;
            }
            String s = v.trim();
            if (s.startsWith("/")) {
                return Path.of(s).normalize().toUri().toString();
            }
            try {
                URI uri = new URI(s);
                if (uri.getScheme() == null) {
                    p.add("--" + option + ": \"" + s + "\" is neither an absolute path nor a URI with a scheme");
                    return null;
                }
                if (uri.getScheme().equals("file") && (uri.getPath() == null || !uri.getPath().startsWith("/"))) {
                    p.add("--" + option + ": \"" + s + "\" is not an absolute file: URI (use file:///absolute/path)");
                    return null;
                }
                return uri.normalize().toString();
            } catch (URISyntaxException e) {
                p.add("--" + option + ": \"" + s + "\" is not a valid URI: " + e.getReason());
                return null;
            }
        }
    }
}

package io.lisastream.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: one KRaft node acting as broker and controller (Kafka's own
 * {@code KafkaClusterTestKit}), listening on a free loopback port, its logs in a temporary directory
 * deleted on {@link #close()}. Transactions work (replication factors and the transaction log's min
 * ISR are 1), so exactly-once producers and read_committed consumers behave as on a real cluster.
 * Up in about 2 s.
 *
 * <p>Broker settings beyond Kafka's defaults: internal topics with 1 replica and 4 partitions (fast
 * start), {@code transaction.max.timeout.ms} = 1 h (Flink's KafkaSink asks for a 1 h transaction
 * timeout by default), no initial rebalance delay. Topics are auto-created on first use as usual; call
 * {@link #createTopics} to choose partition counts.
 *
 * <p>Logging: the test kit's jar carries a log4j2.yaml that logs INFO to stdout; an application
 * should supply its own log4j2 configuration (or log4j2-test.properties in tests).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 60;

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
    }

    /**
     * Formats storage, starts the node and waits until the broker is ready.
     *
     * @throws IllegalStateException when the broker cannot start (the cause says why)
     */
    public static EmbeddedKafka start() {
        long t0 = System.nanoTime();
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("transaction.max.timeout.ms", "3600000")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setDeleteOnClose(true)
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            EmbeddedKafka kafka = new EmbeddedKafka(cluster);
            LOG.info("Embedded Kafka up at {} in {} ms", kafka.bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            return kafka;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(cluster);
            throw new IllegalStateException("could not start the embedded Kafka broker: " + e, e);
        }
    }

    /** host:port of the broker's client listener, for bootstrap.servers. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates the named topics with this many partitions and one replica each, and waits until they
     * exist. A topic that already exists is left as it is.
     *
     * @throws IllegalStateException when a topic cannot be created
     */
    public void createTopics(int partitions, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (names.length == 0) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> e : admin.createTopics(topics).values().entrySet()) {
                try {
                    e.getValue().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + e.getKey() + ": " + ex.getCause(), ex.getCause());
                    }
                }
            }
            // metadata reaches the broker asynchronously: wait until every topic is listed
            Set<String> wanted = Set.of(names);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
            while (!admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).containsAll(wanted)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + Arrays.toString(names) + " not visible after "
                            + ADMIN_TIMEOUT_SECONDS + " s");
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + Arrays.toString(names), e);
        } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
            throw new IllegalStateException("could not create topics " + Arrays.toString(names) + ": " + e, e);
        }
    }

    /** Stops the broker and deletes its data. Idempotent; never throws (problems are logged). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(cluster);
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Embedded Kafka did not shut down cleanly", e);
        }
    }
}

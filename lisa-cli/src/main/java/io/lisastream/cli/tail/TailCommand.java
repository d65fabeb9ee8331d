package io.lisastream.cli.tail;

import io.lisastream.cli.kafka.KafkaClients;
import io.lisastream.cli.kafka.KafkaOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lisa tail}: follow the recommendations (or dead letters) as they are committed. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Follow a topic of recommendations or dead letters, reading only committed transactions"
                + " (read_committed), one human-readable line per record on stdout; --json prints the records as they are.",
            "Runs until Ctrl-C, --max records, or --idle-timeout without a record."})
public final class TailCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TailCommand.class);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", defaultValue = "recommendations", description = "Topic to follow (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--json", description = "Print each record's value as it is, one per line.")
    boolean json;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
    boolean fromBeginning;

    @Option(names = "--show", defaultValue = "5", paramLabel = "K",
            description = "Recommended items shown per line (default: ${DEFAULT-VALUE}).")
    int shown;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Stop after this many seconds without a record (default: never).")
    Double idleTimeout;

    @Override
    public Integer call() {
        if (max != null && max < 0 || shown < 0 || idleTimeout != null && !(idleTimeout > 0)) {
            throw new IllegalArgumentException("--max and --show must be >= 0 and --idle-timeout > 0");
        }
        return tail(System.out);
    }

    int tail(PrintStream out) {
        CountDownLatch done = new CountDownLatch(1);
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.committedReader(kafka.clientProperties(), "lisa-tail")) {
            Thread hook = new Thread(() -> {
                consumer.wakeup();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "lisa-tail-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                List<TopicPartition> parts = KafkaClients.assignAll(consumer, topic);
                if (fromBeginning) {
                    consumer.seekToBeginning(parts);
                } else {
                    consumer.seekToEnd(parts);
                }
                LOG.info("Following {} ({} partitions, read_committed) on {}", topic, parts.size(), kafka.bootstrapServers());
                return follow(consumer, out);
            } catch (WakeupException e) {
                return 0; // Ctrl-C
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down
                }
            }
        }
    }

    private int follow(KafkaConsumer<byte[], byte[]> consumer, PrintStream out) {
        long printed = 0;
        long lastRecord = System.nanoTime();
        while (max == null || printed < max) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (json) {
                    out.println(r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8));
                } else {
                    out.println(RecordText.format(r.value(), shown));
                }
                printed++;
                if (max != null && printed >= max) {
                    break;
                }
            }
            out.flush();
            if (!records.isEmpty()) {
                lastRecord = System.nanoTime();
            } else if (idleTimeout != null && System.nanoTime() - lastRecord > idleTimeout * 1e9) {
                LOG.info("No record for {} s: stopping after {} records", idleTimeout, printed);
                break;
            }
        }
        return 0;
    }
}

package io.lisastream.cli.replay;

import io.lisastream.cli.DataFiles;
import io.lisastream.cli.kafka.KafkaClients;
import io.lisastream.cli.kafka.KafkaOptions;
import io.lisastream.model.data.SequenceDataset;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lisa replay}: a click file to the click topic at a chosen rate. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Send clicks to Kafka at a chosen rate: a data file as wire-format clicks (key = userId),"
                + " all users interleaved in time, or a file of raw records sent line by line as they are.",
            "Progress on stderr; on stdout a JSON line {topic, records, seconds} at the end."})
public final class ReplayCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayCommand.class);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", defaultValue = "clicks", description = "Click topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--data", paramLabel = "FILE",
                description = "Interaction file (ML-1M ratings.dat, ML-100k u.data, SASRec ml-1m.txt, user,item,timestamp CSV).")
        Path data;

        @Option(names = "--events", paramLabel = "FILE.jsonl",
                description = "Raw records, one per line, sent as they are (valid or not).")
        Path events;
    }

    @Option(names = "--format", paramLabel = "sasrec|movielens|csv",
            description = "Format of --data (default: guessed from the file name).")
    String format;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "EVENTS_PER_SEC",
            description = "Records per second, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--event-time", paramLabel = "data|now", converter = EventTimeConverter.class,
            description = "Click timestamps from the data, or the wall clock when sent"
                    + " (default: data when the file has timestamps, else now).")
    EventTime eventTime;

    @Option(names = "--limit", paramLabel = "N", description = "Send at most N records.")
    Long limit;

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
        }
        ReplaySource source;
        RawLinesSource raw = null;
        if (input.data != null) {
            SequenceDataset data = DataFiles.read(input.data, format);
            EventTime mode = eventTime != null ? eventTime : data.hasTimestamps() ? EventTime.DATA : EventTime.NOW;
            if (eventTime == null && mode == EventTime.NOW) {
                LOG.info("{} has no timestamps: clicks get the wall clock as event time", input.data);
            }
            source = new PlanSource(ClickPlan.of(data), mode);
            LOG.info("Replaying {} ({} users, {} clicks) to {} on {}", input.data, data.numUsers(),
                    data.numInteractions(), topic, kafka.bootstrapServers());
        } else {
            if (format != null || eventTime != null) {
                throw new IllegalArgumentException("--format and --event-time apply to --data, not to --events"
                        + " (raw records are sent as they are)");
            }
            raw = new RawLinesSource(input.events);
            source = raw;
            LOG.info("Replaying {} raw records from {} to {} on {}", raw.size(), input.events, topic,
                    kafka.bootstrapServers());
        }
        source = Limited.of(source, limit);
        long t0 = System.nanoTime();
        long sent;
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka.clientProperties(), "lisa-replay")) {
            sent = new ClickReplayer(producer, topic, rate).replay(source, null, new ProgressBar(System.err, source.size()));
        } finally {
            if (raw != null) {
                raw.close();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "{\"topic\":\"%s\",\"records\":%d,\"seconds\":%.3f}%n",
                topic.replace("\\", "\\\\").replace("\"", "\\\""), sent, seconds);
        return 0;
    }

    /** picocli adapter for {@link EventTime#parse}. */
    static final class EventTimeConverter implements picocli.CommandLine.ITypeConverter<EventTime> {
        @Override
        public EventTime convert(String value) {
            return EventTime.parse(value);
        }
    }
}

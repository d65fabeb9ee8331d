package io.lisastream.pipeline;

import io.lisastream.operator.ModelAnnouncement;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the control topic: each record becomes a {@link ModelAnnouncement} (strictly, by
 * {@link WireJson#parseModelAnnouncement}) or is refused with a WARN log line naming the record and
 * the reason, a count, and a {@link DeadLetter} on {@link #DEAD_LETTERS}. Never throws: a bad
 * announcement leaves the serving model as it is. Whether the announced artifact may be loaded
 * (allowed roots, checksum) is the operator's decision, not this stage's.
 *
 * <p>Metrics: counters {@code modelAnnouncementsAccepted} and {@code modelAnnouncementsRejected}.
 */
public final class ParseModelAnnouncements extends ProcessFunction<RawRecord, ModelAnnouncement> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseModelAnnouncements.class);

    /** Refused announcement records. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("model-announcement-dead-letters") {
    };

    private transient Counter accepted;
    private transient Counter rejected;

    @Override
    public void open(OpenContext openContext) {
        accepted = getRuntimeContext().getMetricGroup().counter("modelAnnouncementsAccepted");
        rejected = getRuntimeContext().getMetricGroup().counter("modelAnnouncementsRejected");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<ModelAnnouncement> out) {
        Parsed<ModelAnnouncement> parsed = WireJson.parseModelAnnouncement(record.value);
        if (parsed.isOk()) {
            accepted.inc();
            LOG.info("Model announcement {}-{}@{}: {}", record.topic, record.partition, record.offset, parsed.value());
            out.collect(parsed.value());
        } else {
            rejected.inc();
            LOG.warn("Model announcement {}-{}@{} refused, the serving model stays: {}", record.topic, record.partition,
                    record.offset, parsed.error());
            ctx.output(DEAD_LETTERS, DeadLetter.of("invalid model announcement: " + parsed.error(), record.value,
                    record.topic, record.partition, record.offset));
        }
    }
}
